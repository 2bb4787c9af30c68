/**
 * Client toxicity: how much an account's fills are followed by prices moving its way (markouts),
 * how often it wins on trades held a few seconds, and what it makes per lot. Pure: no I/O.
 */
package com.rtx.core.toxicity;
