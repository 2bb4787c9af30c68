package com.rtx.routing;

import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.BusinessRejectRefID;
import quickfix.field.BusinessRejectReason;
import quickfix.field.MsgType;
import quickfix.field.RefMsgType;
import quickfix.field.RefSeqNum;
import quickfix.field.RefTagID;
import quickfix.field.SessionRejectReason;
import quickfix.field.Text;

import java.util.Optional;

/**
 * Reads an LP's refusal of one of our order messages: a session-level Reject (35=3) or a
 * BusinessMessageReject (35=j). Either is definitive — the LP did not process the message — so a
 * refused NewOrderSingle is as good as rejected, and a refused OrderStatusRequest means the LP
 * does not answer them.
 *
 * <p>The refused message is found by RefSeqNum in what the session sent ({@link SentMessages}),
 * or, for a BusinessMessageReject without one, by BusinessRejectRefID, which FIX 4.4 sets to the
 * ClOrdID of a refused order message.
 */
final class LpRefusals {

  /**
   * One refusal of {@code msgType} (D new order, F cancel, H status request) for {@code clOrdId},
   * with the LP's words in {@code text}.
   */
  record Refusal(String lp, String msgType, String clOrdId, String text) {
  }

  private LpRefusals() {
  }

  /** The refusal {@code message} carries, or empty when it is not one or names no message we sent. */
  static Optional<Refusal> read(String lp, Message message, SentMessages sent) throws FieldNotFound {
    String type = message.getHeader().getString(MsgType.FIELD);
    boolean session = MsgType.REJECT.equals(type);
    if (!session && !MsgType.BUSINESS_MESSAGE_REJECT.equals(type)) {
      return Optional.empty();
    }
    Optional<SentMessages.Sent> ref = message.isSetField(RefSeqNum.FIELD)
      ? sent.find(message.getInt(RefSeqNum.FIELD)) : Optional.empty();
    String refType = message.isSetField(RefMsgType.FIELD) ? message.getString(RefMsgType.FIELD)
      : ref.map(SentMessages.Sent::msgType).orElse(null);
    if (ref.isPresent() && refType != null && !refType.equals(ref.get().msgType())) {
      // RefSeqNum names another message than the LP says: a sequence reset in between; trust neither.
      ref = Optional.empty();
    }
    String clOrdId = ref.map(SentMessages.Sent::clOrdId).orElse(null);
    if (clOrdId == null && !session && message.isSetField(BusinessRejectRefID.FIELD)) {
      clOrdId = message.getString(BusinessRejectRefID.FIELD);
    }
    if (clOrdId == null || refType == null) {
      return Optional.empty();
    }
    return Optional.of(new Refusal(lp, refType, clOrdId, describe(message, session)));
  }

  private static String describe(Message message, boolean session) throws FieldNotFound {
    StringBuilder text = new StringBuilder(session ? "session Reject" : "BusinessMessageReject");
    String words = message.isSetField(Text.FIELD) ? message.getString(Text.FIELD) : null;
    if (words != null && !words.isBlank()) {
      text.append(": ").append(words);
    }
    if (session && message.isSetField(SessionRejectReason.FIELD)) {
      text.append(" (SessionRejectReason ").append(message.getInt(SessionRejectReason.FIELD));
      if (message.isSetField(RefTagID.FIELD)) {
        text.append(", tag ").append(message.getInt(RefTagID.FIELD));
      }
      text.append(')');
    } else if (!session && message.isSetField(BusinessRejectReason.FIELD)) {
      text.append(" (BusinessRejectReason ").append(message.getInt(BusinessRejectReason.FIELD)).append(')');
    }
    return printable(text.toString());
  }

  /** At most 500 characters, control characters (NUL included) as spaces: the LP's words go to logs and rows. */
  static String printable(String text) {
    String cut = text.length() > 500 ? text.substring(0, 500) : text;
    StringBuilder out = new StringBuilder(cut.length());
    cut.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    return out.toString();
  }
}
