/** Human agents and transfers: placing the agent's call leg and bridging it to the caller. */
package dev.candor.handoff;
