/**
 * The account ledger: every change of balance or credit is an entry, so that the balance is the
 * sum of its entries. Pure domain code.
 */
package com.rtx.core.ledger;
