package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import ai.hanzo.node.client.RemoteImage;
import ai.hanzo.node.app.ImageSummary;
import ai.hanzo.node.app.OfflineImages;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where {@code hanzo-node images} works: a running node's API, or the data directory of a stopped node. */
interface ImageSources extends AutoCloseable {
  /** One image as the table shows it. */
  record Row(String name, String id, String digest, long size) {}

  List<Row> list();

  Row pull(String name);

  void remove(String name);

  List<String> load(Path archive, Optional<String> name);

  @Override
  void close();

  /** A stopped node's image store, opened with the data-directory lock held. */
  static ImageSources offline(OfflineImages store) {
    return new ImageSources() {
      @Override
      public List<Row> list() {
        return store.list().stream().map(ImageSources::row).toList();
      }

      @Override
      public Row pull(String name) {
        return row(store.pull(name));
      }

      @Override
      public void remove(String name) {
        store.remove(name);
      }

      @Override
      public List<String> load(Path archive, Optional<String> name) {
        return store.load(archive, name);
      }

      @Override
      public void close() {
        store.close();
      }
    };
  }

  /** A running node, through its admin API. */
  static ImageSources remote(NodeClient node) {
    return new ImageSources() {
      @Override
      public List<Row> list() {
        return node.images().stream().map(ImageSources::row).toList();
      }

      @Override
      public Row pull(String name) {
        return row(node.pullImage(name));
      }

      @Override
      public void remove(String name) {
        node.removeImage(name);
      }

      @Override
      public List<String> load(Path archive, Optional<String> name) {
        throw new NodeException(ErrorCode.FAILED_PRECONDITION, "images load works on a stopped node's data "
            + "directory only; stop the node, load the archive, start the node again");
      }

      @Override
      public void close() {
        node.close();
      }
    };
  }

  private static Row row(ImageSummary image) {
    return new Row(image.name(), image.id(), image.digest(), image.size());
  }

  private static Row row(RemoteImage image) {
    return new Row(image.name(), image.id(), image.digest(), image.size());
  }
}
