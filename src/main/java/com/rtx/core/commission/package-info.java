/** Commission policies of client groups and the commission of one deal side. Pure domain code. */
package com.rtx.core.commission;
