/**
 * The event-bus contract between the roles: every address constant, the JSON shape of the
 * messages sent to it and of the replies, and the message records with their codecs that both ends
 * share (a quote, an LP's session state, revoked sessions).
 *
 * <p>This package is the only place a role learns about another role: roles never import each
 * other's classes (ArchitectureTest), they import this package and exchange JSON, so a verticle in
 * another language could join the bus. Each class documents its addresses: who sends, who
 * consumes, the body and the reply. {@code src/docs/architecture.md} gathers them in one table, and
 * ArchitectureDocTest fails when an address constant is missing there.
 */
package com.rtx.bus;
