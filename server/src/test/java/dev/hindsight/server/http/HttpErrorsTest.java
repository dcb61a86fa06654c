package dev.hindsight.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class HttpErrorsTest {
    private static final String FAULT = "a fault occurred in a recent unsafe memory access operation in compiled Java code";

    @Test
    void aFaultOnAMappedDataFileIsUnavailableNotABug() {
        HttpErrors.ApiError direct = HttpErrors.map(new InternalError(FAULT));
        assertThat(direct.status()).isEqualTo(503);
        assertThat(direct.errorType()).isEqualTo("unavailable");
        assertThat(direct.message()).isEqualTo("storage cannot be read now: " + FAULT);
        assertThat(HttpErrors.map(new ExecutionException(new InternalError(FAULT))).status()).isEqualTo(503);
    }

    @Test
    void otherErrorsStayInternal() {
        assertThat(HttpErrors.map(new IllegalStateException("bug")).status()).isEqualTo(500);
    }
}
