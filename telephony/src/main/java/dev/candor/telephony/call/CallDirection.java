package dev.candor.telephony.call;

public enum CallDirection { INBOUND, OUTBOUND }
