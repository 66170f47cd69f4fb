/**
 * The health checks' one setting: a gap over `stallMs` is a stall, whatever the connection's usual
 * gap. The UI owns the object and changes it as the user does; the capture store is given it and
 * its trackers read it as events arrive.
 */
export interface InsightSettings {
  readonly stallMs: number;
}

/** A store nobody set up (an import in a test, a tool): 30 s, the panel's default. */
export const DEFAULT_INSIGHT_SETTINGS: InsightSettings = Object.freeze({ stallMs: 30_000 });
