package com.rtx.routing;

import org.junit.jupiter.api.Test;
import quickfix.Message;
import quickfix.field.BusinessRejectRefID;
import quickfix.field.BusinessRejectReason;
import quickfix.field.MsgType;
import quickfix.field.RefMsgType;
import quickfix.field.RefSeqNum;
import quickfix.field.RefTagID;
import quickfix.field.SessionRejectReason;
import quickfix.field.Text;
import quickfix.fix44.BusinessMessageReject;
import quickfix.fix44.Reject;

import static org.assertj.core.api.Assertions.assertThat;

/** An LP's Reject and BusinessMessageReject tied back to the order message they refuse. */
class LpRefusalsTest {

  private final SentMessages sent = new SentMessages();

  @Test
  void aSessionRejectNamesTheNewOrderSingleByItsSequenceNumber() throws Exception {
    sent.sent(41, MsgType.ORDER_SINGLE, "100003-7-1");
    Reject reject = new Reject(new RefSeqNum(41));
    reject.set(new RefMsgType(MsgType.ORDER_SINGLE));
    reject.set(new RefTagID(40));
    reject.set(new SessionRejectReason(SessionRejectReason.VALUE_IS_INCORRECT));
    reject.set(new Text("OrdType not supported"));

    LpRefusals.Refusal refusal = LpRefusals.read("LP9", reject, sent).orElseThrow();

    assertThat(refusal.msgType()).isEqualTo(MsgType.ORDER_SINGLE);
    assertThat(refusal.clOrdId()).isEqualTo("100003-7-1");
    assertThat(refusal.text()).isEqualTo("session Reject: OrdType not supported (SessionRejectReason 5, tag 40)");
  }

  @Test
  void aBusinessRejectWithoutASequenceNumberNamesTheOrderByItsClOrdId() throws Exception {
    BusinessMessageReject reject = new BusinessMessageReject(new RefMsgType(MsgType.ORDER_SINGLE),
      new BusinessRejectReason(BusinessRejectReason.UNSUPPORTED_MESSAGE_TYPE));
    reject.set(new BusinessRejectRefID("100003-8-2"));

    LpRefusals.Refusal refusal = LpRefusals.read("LP9", reject, sent).orElseThrow();

    assertThat(refusal.clOrdId()).isEqualTo("100003-8-2");
    assertThat(refusal.text()).isEqualTo("BusinessMessageReject (BusinessRejectReason 3)");
  }

  @Test
  void aRefusedStatusRequestIsToldApartFromARefusedOrder() throws Exception {
    sent.sent(50, MsgType.ORDER_STATUS_REQUEST, "100003-9-1");
    BusinessMessageReject reject = new BusinessMessageReject(new RefMsgType(MsgType.ORDER_STATUS_REQUEST),
      new BusinessRejectReason(BusinessRejectReason.UNSUPPORTED_MESSAGE_TYPE));
    reject.set(new RefSeqNum(50));

    assertThat(LpRefusals.read("LP9", reject, sent).orElseThrow().msgType()).isEqualTo(MsgType.ORDER_STATUS_REQUEST);
    assertThat(ExecutionReports.refused(LpRefusals.read("LP9", reject, sent).orElseThrow()).orElseThrow()
      .getString("execType")).isEqualTo("STATUS_REFUSED");
  }

  @Test
  void aRejectNamingAnotherMessageTypeThanTheOneSentUnderItsNumberIsNotGuessed() throws Exception {
    // A sequence reset re-used 60: the Reject is of a Heartbeat-era message, not of our order.
    sent.sent(60, MsgType.ORDER_SINGLE, "100003-10-1");
    Reject reject = new Reject(new RefSeqNum(60));
    reject.set(new RefMsgType(MsgType.HEARTBEAT));

    assertThat(LpRefusals.read("LP9", reject, sent)).isEmpty();
  }

  @Test
  void aRejectOfAMessageWeNeverSentAndOtherMessagesAreNotRefusals() throws Exception {
    assertThat(LpRefusals.read("LP9", new Reject(new RefSeqNum(999)), sent)).isEmpty();
    Message heartbeat = new quickfix.fix44.Heartbeat();
    assertThat(LpRefusals.read("LP9", heartbeat, sent)).isEmpty();
  }

  @Test
  void theLpsWordsAreBoundedAndControlCharactersRemoved() throws Exception {
    sent.sent(70, MsgType.ORDER_SINGLE, "100003-11-1");
    Reject reject = new Reject(new RefSeqNum(70));
    reject.set(new Text("bad\u0000" + "x".repeat(5_000)));

    String text = LpRefusals.read("LP9", reject, sent).orElseThrow().text();

    assertThat(text).hasSize(500).doesNotContain("\u0000").startsWith("session Reject: bad x");
  }

  @Test
  void onlyTheLatestMessagesAreRemembered() {
    for (int seq = 1; seq <= SentMessages.CAPACITY + 1; seq++) {
      sent.sent(seq, MsgType.ORDER_SINGLE, "1-" + seq + "-1");
    }
    assertThat(sent.find(1)).isEmpty();
    assertThat(sent.find(SentMessages.CAPACITY + 1)).isPresent();
  }
}
