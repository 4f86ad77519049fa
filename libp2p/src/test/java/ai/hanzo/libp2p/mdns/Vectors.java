package ai.hanzo.libp2p.mdns;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** The packets captured from the js-libp2p peer (see the README next to them). */
final class Vectors {
  static final String JS_PEER_ID = "12D3KooWA4Xop1JaT3MHxwYMkCepYsv4iPVopMXwCz5iHYdBfeSB";
  static final String JS_PEER_NAME = "4sfyw7u46c0imglfnxreyry3flo57bsuaftrlbhplr84w4h27ctf9g8ix182z5c";
  static final String JS_ADDRESS = "/ip4/127.0.0.1/tcp/43307";

  private Vectors() {}

  static byte[] jsQuery() {
    return hex("js-query.hex");
  }

  static byte[] jsResponse() {
    return hex("js-response.hex");
  }

  private static byte[] hex(String resource) {
    try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
      return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
