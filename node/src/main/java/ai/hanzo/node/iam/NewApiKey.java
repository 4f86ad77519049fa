package ai.hanzo.node.iam;

import ai.hanzo.node.storage.ApiKeyRecord;

/** A key just created: the only time its secret text exists outside the caller's hands. */
public record NewApiKey(ApiKeyRecord record, String secret) {
  @Override
  public String toString() {
    return "NewApiKey[" + record + ", secret=***]";
  }
}
