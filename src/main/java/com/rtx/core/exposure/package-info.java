/** The broker's net exposure per symbol from client deals and positions. Pure domain code. */
package com.rtx.core.exposure;
