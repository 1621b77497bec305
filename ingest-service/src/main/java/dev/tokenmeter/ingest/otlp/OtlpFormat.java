package dev.tokenmeter.ingest.otlp;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;

/** The two encodings of OTLP/HTTP; an answer is written in the encoding of its request. */
public enum OtlpFormat {
    PROTOBUF(MediaType.parseMediaType("application/x-protobuf")), JSON(MediaType.APPLICATION_JSON);

    private final MediaType mediaType;

    OtlpFormat(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    /** The format of a request's {@code Content-Type}, or null when OTLP/HTTP defines none for it. */
    public static @Nullable OtlpFormat of(@Nullable MediaType contentType) {
        if (contentType == null) {
            return null;
        }
        for (OtlpFormat format : values()) {
            if (format.mediaType.isCompatibleWith(contentType)) {
                return format;
            }
        }
        return null;
    }
}
