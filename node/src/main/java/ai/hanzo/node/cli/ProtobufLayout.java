package ai.hanzo.node.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.Instantiatable;
import java.io.IOException;

/**
 * Lays out indented JSON as protobuf's {@code JsonFormat} printer does, so {@code -o json} keeps its bytes: two
 * spaces a level, {@code "name": value}, arrays on one line ({@code ["a", "b"]}, objects in them opening on the same
 * line), and an empty object as an opening and a closing brace on two lines.
 */
final class ProtobufLayout implements PrettyPrinter, Instantiatable<ProtobufLayout> {
  private int depth;

  @Override
  public ProtobufLayout createInstance() {
    return new ProtobufLayout(); // the depth belongs to one generator
  }

  @Override
  public void writeRootValueSeparator(JsonGenerator g) {}

  @Override
  public void writeStartObject(JsonGenerator g) throws IOException {
    g.writeRaw('{');
    depth++;
  }

  @Override
  public void beforeObjectEntries(JsonGenerator g) throws IOException {
    newLine(g);
  }

  @Override
  public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(": ");
  }

  @Override
  public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
    g.writeRaw(',');
    newLine(g);
  }

  @Override
  public void writeEndObject(JsonGenerator g, int entries) throws IOException {
    depth--;
    newLine(g);
    g.writeRaw('}');
  }

  @Override
  public void writeStartArray(JsonGenerator g) throws IOException {
    g.writeRaw('[');
  }

  @Override
  public void beforeArrayValues(JsonGenerator g) {}

  @Override
  public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(", ");
  }

  @Override
  public void writeEndArray(JsonGenerator g, int values) throws IOException {
    g.writeRaw(']');
  }

  private void newLine(JsonGenerator g) throws IOException {
    g.writeRaw('\n');
    g.writeRaw("  ".repeat(depth));
  }
}
