/** Checks of the deployment files under {@code deploy/}: they parse and carry what the agent needs. */
package dev.hindsight.server.deploy;
