package com.rtx.pricing;

import com.rtx.platform.fix.FixLogFactory;
import com.rtx.platform.config.LpCredentials;
import com.rtx.platform.config.PricingConfig;
import com.rtx.refdata.LiquidityProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.MDEntryPx;
import quickfix.field.MDEntryType;
import quickfix.field.QuoteEntryID;
import quickfix.field.MDReqID;
import quickfix.field.MDUpdateAction;
import quickfix.field.MDUpdateType;
import quickfix.field.MarketDepth;
import quickfix.field.MsgType;
import quickfix.field.NoMDEntries;
import quickfix.field.Password;
import quickfix.field.ResetSeqNumFlag;
import quickfix.field.SendingTime;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.Username;
import quickfix.fix44.MarketDataRequest;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One QuickFIX/J initiator holding a FIX 4.4 market-data session per LP. On every logon it
 * subscribes to each symbol (snapshot + updates), so a reconnect resubscribes by itself. Each LP
 * is spoken to in its {@link com.rtx.core.market.LpDialect}: subscribed by its name of the symbol,
 * and its quotes mapped back to the platform's name here, before anything else sees them (a name
 * that maps to nothing of ours is dropped).
 *
 * <p>Threading: QuickFIX/J calls back on its own threads. This class only parses there and hands
 * every event to the {@link Listener} through {@code handoff}, which runs it on the pricing
 * verticle's context. {@link #start} and {@link #stop} block (socket set-up and logout): call them
 * through {@code executeBlocking}. Prices are read as the strings on the wire, never as double.
 */
final class LpMarketDataSessions implements Application {

  private static final Logger LOG = LoggerFactory.getLogger(LpMarketDataSessions.class);
  /** A QuoteEntryID the router can send back as QuoteID (117): the router's own rule for the field. */
  private static final java.util.regex.Pattern QUOTE_ID = java.util.regex.Pattern.compile("[\\x20-\\x7E]{1,128}");

  /** Events of the LP sessions, delivered on the pricing verticle's context. */
  interface Listener {
    void onLogon(String lp);

    void onLogout(String lp);

    /** The entries of one market-data message, applied together so a quote is never half-updated. */
    void onEntries(String lp, List<Entry> entries, long lpTimeMillis, long receivedMillis);

    void onReject(String lp, String reason);
  }

  /**
   * One side of one symbol: {@code side} is '0' bid or '1' offer; a null price deletes the side.
   * {@code quoteId} is the entry's QuoteEntryID (299), or null when it has none (or one that could
   * not go back to the LP on an order: not 1-128 printable ASCII characters).
   */
  record Entry(String symbol, char side, String price, String quoteId) {

    Entry(String symbol, char side, String price) {
      this(symbol, side, price, null);
    }
  }

  private final Map<SessionID, LiquidityProvider> lpsBySession = new ConcurrentHashMap<>();
  private final Map<String, Boolean> loggedOn = new ConcurrentHashMap<>();
  private final Supplier<Collection<String>> symbols;
  private final Map<String, LpCredentials> credentials;
  private final Listener listener;
  private final java.util.function.Consumer<Runnable> handoff;
  private final SocketInitiator initiator;
  private final java.time.Clock clock;

  LpMarketDataSessions(List<LiquidityProvider> lps, PricingConfig pricing,
                       Map<String, LpCredentials> credentials, Supplier<Collection<String>> symbols,
                       Listener listener, java.util.function.Consumer<Runnable> handoff, java.time.Clock clock)
    throws ConfigError {
    this.clock = clock;
    this.symbols = symbols;
    this.credentials = credentials;
    this.listener = listener;
    this.handoff = handoff;
    SessionSettings settings = new SessionSettings();
    settings.setString("ConnectionType", "initiator");
    settings.setString("BeginString", "FIX.4.4");
    settings.setString("StartTime", "00:00:00");
    settings.setString("EndTime", "00:00:00");
    settings.setString("NonStopSession", "Y");
    settings.setString("UseDataDictionary", "Y");
    settings.setString("DataDictionary", "FIX44.xml");
    settings.setString("ResetOnLogon", "Y");
    settings.setString("ResetOnLogout", "Y");
    settings.setString("ResetOnDisconnect", "Y");
    settings.setLong("ReconnectInterval", pricing.fixReconnectS());
    for (LiquidityProvider lp : lps) {
      SessionID id = new SessionID("FIX.4.4", lp.senderCompId(), lp.targetCompId(), lp.name());
      settings.setString(id, "SocketConnectHost", lp.host());
      settings.setLong(id, "SocketConnectPort", lp.port());
      settings.setLong(id, "HeartBtInt", lp.heartbeatS().orElse(pricing.fixHeartbeatS()));
      lpsBySession.put(id, lp);
      loggedOn.put(lp.name(), false);
    }
    this.initiator = new SocketInitiator(this, new MemoryStoreFactory(), settings, new FixLogFactory("com.rtx.pricing.fix", FixLogFactory.Volume.STREAM),
      new DefaultMessageFactory());
  }

  void start() throws ConfigError {
    if (!lpsBySession.isEmpty()) {
      initiator.start();
    }
  }

  void stop() {
    initiator.stop(false);
  }

  /** Logged-on state per LP name (read from any thread, for health details). */
  Map<String, Boolean> loggedOn() {
    return Map.copyOf(loggedOn);
  }

  @Override
  public void onCreate(SessionID sessionId) {
    // nothing to prepare: the memory store is reset on every logon
  }

  @Override
  public void onLogon(SessionID sessionId) {
    LiquidityProvider lp = lpsBySession.get(sessionId);
    loggedOn.put(lp.name(), true);
    for (String symbol : symbols.get()) {
      Session.lookupSession(sessionId).send(subscription(symbol, lp.dialect().lpSymbol(symbol)));
    }
    handoff.accept(() -> listener.onLogon(lp.name()));
  }

  @Override
  public void onLogout(SessionID sessionId) {
    LiquidityProvider lp = lpsBySession.get(sessionId);
    loggedOn.put(lp.name(), false);
    handoff.accept(() -> listener.onLogout(lp.name()));
  }

  @Override
  public void toAdmin(Message message, SessionID sessionId) {
    if (isType(message, MsgType.LOGON)) {
      message.setBoolean(ResetSeqNumFlag.FIELD, true);
      lpsBySession.get(sessionId).credentialsRef().map(credentials::get).ifPresent(c -> {
        message.setString(Username.FIELD, c.username());
        if (c.password() != null) {
          message.setString(Password.FIELD, c.password());
        }
      });
    }
  }

  @Override
  public void fromAdmin(Message message, SessionID sessionId) throws FieldNotFound {
    if (isType(message, MsgType.LOGOUT) && message.isSetField(Text.FIELD)) {
      String lp = lpsBySession.get(sessionId).name();
      String text = message.getString(Text.FIELD);
      LOG.warn("LP {} logged out: {}", lp, text);
    }
  }

  @Override
  public void toApp(Message message, SessionID sessionId) {
    // market-data requests only
  }

  @Override
  public void fromApp(Message message, SessionID sessionId) throws FieldNotFound {
    long received = clock.millis();
    LiquidityProvider provider = lpsBySession.get(sessionId);
    String lp = provider.name();
    String type = message.getHeader().getString(MsgType.FIELD);
    long lpTime = message.getHeader().getUtcTimeStamp(SendingTime.FIELD).toInstant(ZoneOffset.UTC).toEpochMilli();
    List<Entry> entries = new ArrayList<>();
    switch (type) {
      case MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH -> {
        Optional<String> symbol = provider.dialect().symbol(message.getString(Symbol.FIELD));
        for (Group entry : message.getGroups(NoMDEntries.FIELD)) {
          if (symbol.isPresent()) {
            entry(symbol.get(), entry, false).ifPresent(entries::add);
          }
        }
      }
      case MsgType.MARKET_DATA_INCREMENTAL_REFRESH -> {
        for (Group entry : message.getGroups(NoMDEntries.FIELD)) {
          if (entry.isSetField(Symbol.FIELD)) {
            boolean deleted = entry.isSetField(MDUpdateAction.FIELD)
              && entry.getChar(MDUpdateAction.FIELD) == MDUpdateAction.DELETE;
            Optional<String> symbol = provider.dialect().symbol(entry.getString(Symbol.FIELD));
            if (symbol.isPresent()) {
              entry(symbol.get(), entry, deleted).ifPresent(entries::add);
            }
          }
        }
      }
      case MsgType.MARKET_DATA_REQUEST_REJECT -> {
        String reason = message.getString(MDReqID.FIELD) + ": "
          + (message.isSetField(Text.FIELD) ? message.getString(Text.FIELD) : "rejected");
        handoff.accept(() -> listener.onReject(lp, reason));
      }
      default -> LOG.debug("LP {} sent unexpected {}", lp, type);
    }
    if (!entries.isEmpty()) {
      handoff.accept(() -> listener.onEntries(lp, entries, lpTime, received));
    }
  }

  private static Optional<Entry> entry(String symbol, Group group, boolean deleted) throws FieldNotFound {
    char side = group.getChar(MDEntryType.FIELD);
    if (side != MDEntryType.BID && side != MDEntryType.OFFER) {
      return Optional.empty();
    }
    if (deleted) {
      return Optional.of(new Entry(symbol, side, null, null));
    }
    String quoteId = group.isSetField(QuoteEntryID.FIELD) ? group.getString(QuoteEntryID.FIELD) : null;
    if (quoteId != null && (quoteId.isBlank() || !QUOTE_ID.matcher(quoteId).matches())) {
      quoteId = null;
    }
    return Optional.of(new Entry(symbol, side, group.getString(MDEntryPx.FIELD), quoteId));
  }

  /** Subscribes {@code lpSymbol}, the LP's name of our {@code symbol} (the MDReqID keeps ours). */
  private static MarketDataRequest subscription(String symbol, String lpSymbol) {
    MarketDataRequest request = new MarketDataRequest(new MDReqID(symbol),
      new SubscriptionRequestType(SubscriptionRequestType.SNAPSHOT_UPDATES), new MarketDepth(1));
    request.set(new MDUpdateType(MDUpdateType.INCREMENTAL_REFRESH));
    MarketDataRequest.NoMDEntryTypes bid = new MarketDataRequest.NoMDEntryTypes();
    bid.set(new MDEntryType(MDEntryType.BID));
    request.addGroup(bid);
    MarketDataRequest.NoMDEntryTypes offer = new MarketDataRequest.NoMDEntryTypes();
    offer.set(new MDEntryType(MDEntryType.OFFER));
    request.addGroup(offer);
    MarketDataRequest.NoRelatedSym related = new MarketDataRequest.NoRelatedSym();
    related.set(new Symbol(lpSymbol));
    request.addGroup(related);
    return request;
  }

  private static boolean isType(Message message, String type) {
    try {
      return type.equals(message.getHeader().getString(MsgType.FIELD));
    } catch (FieldNotFound e) {
      return false;
    }
  }
}
