package io.coxswain.protocol;

/**
 * Marker of every message and event that crosses the wire between cluster members or goes
 * to the journal; bound to Pekko's jackson-cbor serializer in configuration, so Java
 * serialization stays off.
 */
public interface CborSerializable {}
