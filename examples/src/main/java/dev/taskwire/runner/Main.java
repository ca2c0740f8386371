package dev.taskwire.runner;

import dev.taskwire.core.TaskwireException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The entry point of {@code taskwire.jar}.
 *
 * <pre>
 * java -jar taskwire.jar demo
 * java -jar taskwire.jar run --config taskwire.yaml
 * java -jar taskwire.jar emulator --port 4242 --certs ./certs --task 0c7d4f2e-...=Reload_sales
 * </pre>
 */
public final class Main {

  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "Usage: java -jar taskwire.jar COMMAND [OPTIONS]",
          "",
          "Commands:",
          "  demo                      Start an embedded broker, a QRS emulator and a trigger;",
          "                            publish a few task IDs; print what started; exit",
          "  run --config FILE         Run the bridge with a taskwire or Butler YAML file",
          "  emulator --certs DIR [--port P] [--task ID=NAME]...",
          "                            Run the QRS emulator alone; print one JSON line per request",
          "  help                      Print this text");

  private Main() {}

  public static void main(String[] args) {
    int status = run(List.of(args), System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs one command; returns the process exit status. */
  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || List.of("help", "--help", "-h").contains(args.get(0))) {
      out.println(USAGE);
      return args.isEmpty() ? 2 : 0;
    }
    List<String> options = args.subList(1, args.size());
    try {
      return switch (args.get(0)) {
        case "demo" -> DemoCommand.run(options, out);
        case "run" -> RunCommand.run(options, out);
        case "emulator" -> EmulatorCommand.run(options, out);
        default -> {
          err.println("Unknown command '" + args.get(0) + "'");
          err.println(USAGE);
          yield 2;
        }
      };
    } catch (UsageException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (TaskwireException | IllegalArgumentException e) {
      err.println("taskwire: " + e.getMessage());
      return 1;
    }
  }

  /** A command line that does not follow {@link #USAGE}. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  /** Fails on any option not in {@code known}; options are the even positions. */
  static void requireKnown(List<String> options, List<String> known) {
    for (int i = 0; i < options.size(); i += 2) {
      if (!known.contains(options.get(i))) {
        throw new UsageException(
            "Unknown option '" + options.get(i) + "'; expected " + String.join(", ", known));
      }
    }
  }

  /** Returns the value after {@code option}, or null when the option is absent. */
  static @Nullable String option(List<String> options, String option) {
    int index = options.indexOf(option);
    if (index < 0) {
      return null;
    }
    if (index + 1 >= options.size()) {
      throw new UsageException("Option " + option + " needs a value");
    }
    return options.get(index + 1);
  }

  /** Returns every value given after a repeatable {@code option}. */
  static List<String> options(List<String> options, String option) {
    String[] values = new String[options.size()];
    int count = 0;
    for (int i = 0; i < options.size(); i++) {
      if (options.get(i).equals(option)) {
        if (i + 1 >= options.size()) {
          throw new UsageException("Option " + option + " needs a value");
        }
        values[count++] = options.get(++i);
      }
    }
    return Arrays.asList(Arrays.copyOf(values, count));
  }
}
