/**
 * The health checks' one setting: a gap over this many ms is a stall, whatever the connection's
 * usual gap. The panel sets it from the user's choice; trackers read it as events arrive.
 */
export const insightSettings = { stallMs: 30_000 };
