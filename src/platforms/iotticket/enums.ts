/** The closed vocabularies of the das.iot_client reference, exactly as it lists them (all case-sensitive). */

export const ATTRIBUTE_TYPES = ['AssetEvent', 'Calculated', 'DeviceEvent', 'Number', 'String', 'TelemetryData'] as const;
/** `get_attributes` filters by the six types above; `Command` attributes exist too (command methods address them). */
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number] | 'Command';

export const STATISTICS_PERIODS = [
  'CurrentMoment', 'CurrentDay', 'PreviousDay', 'CurrentWeek', 'PreviousWeek', 'CurrentMonth', 'PreviousMonth',
  'CurrentQuarter', 'PreviousQuarter', 'CurrentYear', 'PreviousYear', 'Custom',
] as const;
export type StatisticsPeriod = (typeof STATISTICS_PERIODS)[number];

export const STATISTICS_DIMENSIONS = ['Minute', 'Hour', 'Day', 'Week', 'Quarter', 'Month', 'Year'] as const;
export type StatisticsDimension = (typeof STATISTICS_DIMENSIONS)[number];

export const EVENT_TYPES = ['Alarm', 'Warning', 'Notification'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_SEVERITIES = ['Low', 'Normal', 'High', 'Critical'] as const;
export type EventSeverity = (typeof EVENT_SEVERITIES)[number];

/** How a method gives timestamps back: ISO strings in the chosen zone, or epoch milliseconds. */
export const TIMESTAMP_FORMATS = ['datetime', 'epoch'] as const;
export type TimestampFormat = (typeof TIMESTAMP_FORMATS)[number];

/** HTTP methods an ML model or service may be triggered with (register_model). */
export const TRIGGER_METHODS = ['POST', 'GET', 'PUT'] as const;
export type TriggerMethod = (typeof TRIGGER_METHODS)[number];

/** v1 data types (the server is case-insensitive; we send lowercase). */
export const V1_DATA_TYPES = ['double', 'long', 'string', 'boolean', 'binary'] as const;
export type V1DataType = (typeof V1_DATA_TYPES)[number];

/** v1 statistics grouping (A7). */
export const V1_GROUPINGS = ['Minute', 'Hour', 'Day', 'Week', 'Month', 'Year'] as const;
export type V1Grouping = (typeof V1_GROUPINGS)[number];
