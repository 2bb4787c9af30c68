package com.rtx.lpsim;

import quickfix.FileStoreFactory;
import quickfix.MemoryStoreFactory;
import quickfix.MessageStore;
import quickfix.MessageStoreFactory;
import quickfix.SessionID;
import quickfix.SessionSettings;

import java.nio.file.Path;

/**
 * Message stores of the simulator's sessions: market data in memory (it resets on every logon
 * anyway), trade sessions in files under {@code <data-dir>/fix/lpsim/}, so that their sequence
 * numbers and sent reports outlive a restart of the simulator exactly like the router's do;
 * otherwise every restart of a development engine would leave the two sides out of step.
 */
final class SimStoreFactory implements MessageStoreFactory {

  private final MessageStoreFactory memory = new MemoryStoreFactory();
  private final MessageStoreFactory files;

  SimStoreFactory(Path directory) {
    SessionSettings settings = new SessionSettings();
    settings.setString("FileStorePath", directory.toString());
    files = new FileStoreFactory(settings);
  }

  @Override
  public MessageStore create(SessionID sessionId) {
    return AcceptorSettings.isTrade(sessionId) ? files.create(sessionId) : memory.create(sessionId);
  }
}
