package io.coxswain.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.coxswain.protocol.json.Json;
import io.coxswain.protocol.json.MalformedBodyException;
import io.coxswain.protocol.selector.SelectorParseException;
import io.coxswain.protocol.status.ApiStatus;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** How the API answers a request that failed: the client's mistakes with a 4xx, our bugs with a logged 500. */
class ApiHandlerErrorsTest {
    private static final HttpRequest REQUEST = HttpRequest.GET("/api/v1/namespaces/default/pods?limit=5");

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger handlerLog = (Logger) LoggerFactory.getLogger(ApiHandler.class);

    @BeforeEach
    void listen() {
        logged.start();
        handlerLog.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        handlerLog.detachAppender(logged);
    }

    private static String body(HttpResponse response) {
        return new String(((HttpEntity.Strict) response.entity()).getData().toArray(), StandardCharsets.UTF_8);
    }

    @Test
    void anIllegalArgumentFromABugIsAnInternalErrorAndIsLogged() {
        HttpResponse response = ApiHandler.errorResponse(REQUEST,
                new CompletionException(new IllegalArgumentException("a bug")));

        assertThat(response.status().intValue()).isEqualTo(500);
        assertThat(Json.text(Json.parseObject(body(response)), "reason")).isEqualTo("InternalError");
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage()).contains("GET").contains("/api/v1/namespaces/default/pods");
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("a bug");
        });
    }

    @Test
    void theClientsMistakesAreRefusedWithoutALogLine() {
        assertThat(ApiHandler.errorResponse(REQUEST, new SelectorParseException("found '(', expected: identifier"))
                .status().intValue()).isEqualTo(400);
        assertThat(ApiHandler.errorResponse(REQUEST, new CompletionException(new MalformedBodyException("eof")))
                .status().intValue()).isEqualTo(400);
        HttpResponse notFound = ApiHandler.errorResponse(REQUEST, ApiStatus.notFound("nothing here").exception());
        assertThat(notFound.status().intValue()).isEqualTo(404);
        assertThat(Json.text(Json.parseObject(body(notFound)), "kind")).isEqualTo("Status");
        assertThat(logged.list).isEmpty();
    }
}
