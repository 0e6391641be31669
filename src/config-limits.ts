/** Limits shared by the environment's settings and the TALKBOT_CONFIG file (config.ts, config-file.ts). */
export const DEFAULT_LEAD_MINUTES = 10;
export const MAX_LEAD_MINUTES = 24 * 60;

/**
 * A digest channel, in TALKBOT_DIGEST_CHANNEL and in the config file alike: an id
 * (C0123ABCD) or a name (#talks), as chat.postMessage takes it. `<`, `>` and `&`
 * would be mrkdwn in the log lines and messages that name it.
 */
export const channelPattern = /^#?[^\s#<>&]{1,80}$/;
