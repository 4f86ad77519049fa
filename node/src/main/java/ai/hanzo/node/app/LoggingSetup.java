package ai.hanzo.node.app;

import ai.hanzo.node.config.LogFormat;
import ai.hanzo.node.config.LogLevel;
import ai.hanzo.node.config.LoggingConfig;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

/** Configures logback from the node's logging settings: text or JSON lines on stderr. */
public final class LoggingSetup {
  /** Libraries that are chatty at INFO; they log at WARN unless the node runs at DEBUG or finer. */
  private static final String[] CHATTY = {"com.linecorp.armeria", "io.netty", "io.grpc", "org.rocksdb", "oshi"};

  private LoggingSetup() {}

  /** For commands that print answers, not the libraries' (or the database's) start-up chatter: warnings only. */
  public static void quietForCommandLine() {
    configure(new LoggingConfig(LogLevel.WARN, LogFormat.TEXT, false));
    // A node that refuses a streamed request (a model upload: too large, not GGUF) ends the call while the CLI is
    // still sending; Armeria's client logs that as a warning with a stack, though the CLI reports the refusal in
    // its own one line.
    ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLogger("com.linecorp.armeria.client.AbstractHttpRequestHandler").setLevel(Level.ERROR);
  }

  public static void configure(LoggingConfig config) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("console");
    console.setTarget("System.err");
    console.setEncoder(encoder(context, config.format()));
    console.start();

    Level level = Level.toLevel(config.level().name());
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level);
    root.addAppender(console);
    if (level.isGreaterOrEqual(Level.INFO)) {
      for (String name : CHATTY) {
        context.getLogger(name).setLevel(Level.WARN);
      }
    }
  }

  private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogFormat format) {
    if (format == LogFormat.JSON) {
      JsonEncoder json = new JsonEncoder();
      json.setContext(context);
      json.setWithSequenceNumber(false);
      json.setWithContext(false);
      json.start();
      return json;
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{30} - %msg%n");
    text.start();
    return text;
  }
}
