package dev.hindsight.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logback finds the agent's configuration through its service file, with no XML parsed. */
class ConsoleLoggingTest {

    @Test
    void logbackConfiguresItselfFromTheServiceFile() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ConsoleAppender<?> stderr = (ConsoleAppender<?>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        assertThat(stderr).as("the root logger's stderr appender").isNotNull();
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        assertThat(((PatternLayoutEncoder) stderr.getEncoder()).getPattern()).isEqualTo(ConsoleLogging.PATTERN);
        assertThat(context.getLogger("net.openhft.chronicle.queue").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.hindsight.server.agent.Agent").getEffectiveLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void aFreshContextIsConfiguredWithoutFallingThroughToXml() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging logging = new ConsoleLogging();
        logging.setContext(context);
        assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("io.undertow").getLevel()).isEqualTo(Level.WARN);
        context.stop();
    }
}
