/**
 * The "why" of every order, read side (issue 15): an order's execution record and an account's
 * stop-out evidence, assembled from the rows dealing commits (trade_order, deal, lp_execution,
 * dealing_batch, stop_out). A library shared by the trader API (gateway) and the admin API (admin):
 * it reads PostgreSQL only, never the shards, and knows no role; each role checks who may ask and
 * turns "not found" into its own 404.
 */
package com.rtx.execution;
