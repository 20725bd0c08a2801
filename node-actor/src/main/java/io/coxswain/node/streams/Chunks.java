package io.coxswain.node.streams;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.util.ByteString;

/** Cuts bytes into pieces small enough to travel as one cluster message each. */
final class Chunks {
    private Chunks() {}

    static List<byte[]> split(ByteString bytes, int chunkSize) {
        List<byte[]> pieces = new ArrayList<>();
        for (int from = 0; from < bytes.size(); from += chunkSize) {
            pieces.add(bytes.slice(from, Math.min(bytes.size(), from + chunkSize)).toArray());
        }
        return pieces;
    }
}
