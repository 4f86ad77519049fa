package ai.hanzo.node.p2p.placement.wire;

import ai.hanzo.node.api.v1.DeployRefused;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.placement.DeployLimits;

/**
 * The refusal that ends a call on any of the placement protocols (deploy, logs, exec): a node error code and a
 * message of bounded length, written clipped and read strictly, since it comes from another node.
 */
final class Refusals {
  private Refusals() {}

  static DeployRefused encode(ErrorCode code, String message) {
    return DeployRefused.newBuilder().setCode(code.name())
        .setMessage(clip(message, DeployLimits.MAX_MESSAGE_TEXT)).build();
  }

  static ErrorCode code(DeployRefused refused) {
    try {
      return ErrorCode.valueOf(refused.getCode());
    } catch (IllegalArgumentException e) {
      throw new MalformedPayloadException("refused.code '" + clip(refused.getCode(), 32)
          + "' is not an error code");
    }
  }

  static String message(DeployRefused refused) {
    String message = refused.getMessage();
    if (message.length() > DeployLimits.MAX_MESSAGE_TEXT) {
      throw new MalformedPayloadException("refused.message is longer than " + DeployLimits.MAX_MESSAGE_TEXT
          + " characters");
    }
    return message;
  }

  static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
