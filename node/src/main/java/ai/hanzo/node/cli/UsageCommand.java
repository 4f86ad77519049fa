package ai.hanzo.node.cli;

import ai.hanzo.node.app.LoggingSetup;
import ai.hanzo.node.app.UsageStatementCheck;
import ai.hanzo.node.client.NodeClient;
import ai.hanzo.node.client.UsageFilter;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code hanzo-node usage}: the node's inference and compute usage through the admin API (needs usage:read; the node
 * scopes it to the caller's organisation as it scopes the audit trail).
 */
@Command(name = "usage", mixinStandardHelpOptions = true,
    description = "Show the usage of a node: one line per inference request (tokens, model, caller, how it ended),"
        + " oldest first, then the totals per organisation and model over the range, then the CPU and memory its"
        + " deployments' containers used per hour, day or in total. Needs usage:read; a caller bound to one"
        + " organisation sees only its organisation's usage.",
    subcommands = {UsageCommand.Export.class, UsageCommand.Verify.class})
final class UsageCommand extends ClientCommand {
  static final int MAX_LIMIT = 1000;

  @Mixin TimeRange range = new TimeRange();

  @Option(names = "--org", paramLabel = "ORG", description = "Only this organisation's requests.")
  String org;

  @Option(names = "--model", paramLabel = "MODEL", description = "Only this model's requests.")
  String model;

  @Option(names = "--deployment", paramLabel = "ID", description = "Only this deployment's compute usage.")
  String deployment;

  @Option(names = "--granularity", paramLabel = "BUCKET", converter = GranularityConverter.class,
      description = "Compute usage per hour (default), day (UTC) or total over the range.")
  String granularity;

  @Option(names = "--limit", paramLabel = "N", converter = LimitConverter.class,
      description = "Records per page, 1 to " + MAX_LIMIT + " (default 100).")
  Integer limit;

  @Option(names = "--page-token", paramLabel = "TOKEN", description = "Continue where the previous page stopped.")
  String pageToken;

  UsageCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }

  @Override
  String name() {
    return "usage";
  }

  @Override
  void run(NodeClient node, Renderer render, Terminal terminal) {
    print(terminal, render.usage(node.usage(new UsageFilter(range.since, range.until, org, model, limit, pageToken,
        deployment, granularity))));
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Print a usage statement signed by the node (its Ed25519 identity key): compute usage per hour"
          + " and inference totals over the range, as JSON to save (> usage.json) and check anywhere with"
          + " `hanzo-node usage verify`. Needs usage:read.")
  static final class Export implements Callable<Integer> {
    @ParentCommand UsageCommand usage;
    @Mixin ClientOptions client = new ClientOptions();

    @Mixin TimeRange range = new TimeRange();

    @Option(names = "--org", paramLabel = "ORG", description = "Only this organisation's usage.")
    String org;

    @Option(names = "--deployment", paramLabel = "ID", description = "Only this deployment's compute usage.")
    String deployment;

    @Override
    public Integer call() {
      LoggingSetup.quietForCommandLine();
      ClientOptions options = client.orElse(usage.inherited());
      try (NodeClient node = new NodeClient(options.settings(new ClientOptions(), usage.env()))) {
        print(usage.terminal(), node.exportUsage(new UsageFilter(range.since, range.until, org, null, null, null,
            deployment, null)));
        return 0;
      } catch (NodeException e) {
        usage.terminal().err().println("hanzo-node usage export: " + e.getMessage() + " (" + e.code() + ")");
        return e.code() == ErrorCode.INVALID_ARGUMENT ? Main.USAGE : 1;
      }
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check a usage statement offline (no node needed): the signature covers every field and the"
          + " key is the PeerId's. Exit 0 when valid, 1 when not, 2 when the file cannot be read.")
  static final class Verify implements Callable<Integer> {
    @ParentCommand UsageCommand usage;

    @Parameters(paramLabel = "FILE", description = "The statement, as `hanzo-node usage export` printed it.")
    Path file;

    @Override
    public Integer call() {
      String text;
      try {
        if (Files.size(file) > UsageStatementCheck.MAX_BYTES) {
          usage.terminal().err().println("hanzo-node usage verify: " + file + " is larger than "
              + UsageStatementCheck.MAX_BYTES + " bytes; not a usage statement");
          return 1;
        }
        text = Files.readString(file);
      } catch (IOException | java.io.UncheckedIOException e) {
        usage.terminal().err().println("hanzo-node usage verify: cannot read " + file + ": " + e.getMessage());
        return Main.USAGE;
      }
      try {
        usage.terminal().out().println(file + ": " + UsageStatementCheck.verify(text));
        return 0;
      } catch (IllegalArgumentException e) {
        usage.terminal().err().println("hanzo-node usage verify: " + file + " is not valid: " + e.getMessage());
        return 1;
      }
    }
  }

  /** hour, day or total, refused here (exit 2) rather than by the node. */
  static final class GranularityConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String v = value.trim().toLowerCase(java.util.Locale.ROOT);
      if (v.equals("hour") || v.equals("day") || v.equals("total")) {
        return v;
      }
      throw new TypeConversionException("'" + value + "' is not one of hour, day, total");
    }
  }

  /** A page size the node accepts, refused here (exit 2) rather than by the node. */
  static final class LimitConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int n = Integer.parseInt(value.trim());
        if (n >= 1 && n <= MAX_LIMIT) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new TypeConversionException("'" + value + "' is not a number from 1 to " + MAX_LIMIT);
    }
  }
}
