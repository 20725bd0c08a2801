package io.coxswain.node.runtime;

import java.util.List;

/** Lines read from a container's output; {@link #text()} renders them as the logs endpoint answers. */
public record LogChunk(List<LogLine> lines, boolean timestamps) {
    public LogChunk {
        lines = List.copyOf(lines);
    }

    public static LogChunk empty(LogOptions options) {
        return new LogChunk(List.of(), options.timestamps());
    }

    public String text() {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line.render(timestamps)));
        return text.toString();
    }
}
