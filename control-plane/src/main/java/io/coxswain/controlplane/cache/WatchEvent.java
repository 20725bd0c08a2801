package io.coxswain.controlplane.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One event of a watch stream: ADDED, MODIFIED, DELETED, BOOKMARK or ERROR, with its object. */
public record WatchEvent(String type, ObjectNode object) {}
