/**
 * The JSON schema of `*.iotcmd.json` command files. It lives here, as code, so the extension and the
 * Node tests validate with the very object that `schemas/iotcmd.schema.json` (contributed to VS Code's
 * JSON language for validation and completion) is written from; a test keeps the two identical.
 * After changing it: `node esbuild.mjs --tests && node -e "require('fs').writeFileSync('schemas/iotcmd.schema.json',
 *   JSON.stringify(require('./out/src/writes/model/iotcmdSchema.js').IOTCMD_SCHEMA, null, 2) + '\\n')"`.
 */
const id = { type: 'string', minLength: 1 } as const;
const timestamp = {
  description: 'ISO 8601 (2024-11-26T08:00:05.000Z) or epoch milliseconds',
  anyOf: [{ type: 'string', minLength: 1 }, { type: 'integer' }],
} as const;
const tz = { type: 'string', pattern: '^[+-]\\d{2}(:?\\d{2})?$', description: 'Zone of timestamps written without an offset, ±hh:mm (default UTC)' } as const;
const emails = { type: 'array', items: { type: 'string', format: 'email' } } as const;

function kind(name: string, description: string, properties: Record<string, unknown>, required: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'object',
    description,
    properties: {
      $schema: { type: 'string' },
      kind: { const: name },
      connection: { type: 'string', minLength: 1, description: 'Connection id (iotExplorer.connections); defaults to the file\'s "connection"' },
      label: { type: 'string', description: 'A name shown in the history and on the CodeLens' },
      ...properties,
    },
    required: ['kind', ...required],
    additionalProperties: false,
    ...extra,
  };
}

export const COMMAND_DEFINITIONS: Record<string, Record<string, unknown>> = {
  'iotticket.command': kind(
    'iotticket.command',
    'IoT-TICKET send_command on a Command attribute: "payload" for Dynamic commands, "templateVariables" for Templated ones',
    {
      assetId: { ...id, description: 'Asset id (A…)' },
      attributeId: { ...id, description: 'Command attribute id' },
      payload: { description: 'Dynamic payload: any JSON' },
      templateVariables: { type: 'object', description: 'Templated payload: variable name → value', additionalProperties: true },
      aggregated: { type: 'boolean', description: 'Also send to every sub-asset (the extension asks for confirmation with the number of targets)' },
    },
    ['assetId', 'attributeId'],
    { oneOf: [{ required: ['payload'] }, { required: ['templateVariables'] }] },
  ),
  'iotticket.control': kind(
    'iotticket.control',
    'IoT-TICKET send_control_command: the platform keeps commanding until the value is reached',
    {
      assetId: id,
      attributeId: id,
      desiredValue: { description: 'The desired target value' },
      skipFirstCommand: { type: 'boolean', description: 'Do not send the first command; re-send later if the value is not reached' },
    },
    ['assetId', 'attributeId', 'desiredValue'],
  ),
  'iotticket.static': kind(
    'iotticket.static',
    'IoT-TICKET write_static to a Number or String attribute',
    { assetId: id, attributeId: id, value: { type: ['number', 'string'] } },
    ['assetId', 'attributeId', 'value'],
  ),
  'iotticket.calculated': kind(
    'iotticket.calculated',
    'IoT-TICKET write_calculated: values inline, or from a CSV/JSON file (timestamp column + one column per Calculated attribute)',
    {
      assetId: id,
      values: {
        type: 'object',
        description: 'Attribute name or id → points',
        additionalProperties: { type: 'array', minItems: 1, items: { type: 'object', properties: { ts: timestamp, v: { type: ['number', 'string'] } }, required: ['ts', 'v'], additionalProperties: false } },
      },
      file: { type: 'string', minLength: 1, description: 'CSV or JSON file, relative to this file' },
      tz,
    },
    ['assetId'],
    { oneOf: [{ required: ['values'] }, { required: ['file'] }] },
  ),
  'iotticket.telemetry': kind(
    'iotticket.telemetry',
    'IoT-TICKET write_telemetry through the device HTTP adapter with the device\'s stored credentials; split into requests of at most 2048 bytes',
    {
      deviceId: id,
      rows: { type: 'array', minItems: 1, items: { type: 'object', required: ['timestamp'], properties: { timestamp }, additionalProperties: { type: ['number', 'string', 'boolean', 'null'] } } },
      file: { type: 'string', minLength: 1, description: 'CSV file, relative to this file: timestamp, then one column per measurement (header "Name[:type] [unit]")' },
      units: { type: 'object', additionalProperties: { type: 'string', maxLength: 255 }, description: 'Measurement → unit' },
      setId: { type: 'string', minLength: 1, description: 'Write a Telemetry Data Set with this id (no null values allowed)' },
      tz,
    },
    ['deviceId'],
    { oneOf: [{ required: ['rows'] }, { required: ['file'] }] },
  ),
  'iotticket.timesignals': kind(
    'iotticket.timesignals',
    'IoT-TICKET write_timesignals through the device HTTP adapter',
    {
      deviceId: id,
      timesignals: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          properties: { n: { ...id, description: 'Attribute identifier name' }, ts: timestamp, id: { type: 'string', minLength: 1, maxLength: 255 }, value: { description: 'The signal\'s JSON content' } },
          required: ['n', 'ts', 'id', 'value'],
          additionalProperties: false,
        },
      },
      tz,
    },
    ['deviceId', 'timesignals'],
  ),
  'iotticket.deviceEvents': kind(
    'iotticket.deviceEvents',
    'IoT-TICKET write_device_events through the device HTTP adapter',
    {
      deviceId: id,
      events: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          properties: {
            id: { type: 'string', minLength: 1, maxLength: 255, description: 'Event id' },
            m: { type: 'string', minLength: 1, maxLength: 255, description: 'Message' },
            ts: timestamp,
            gn: { type: 'string', maxLength: 255, description: 'Group name' },
            type: { enum: ['Alarm', 'Warning', 'Notification'] },
            severity: { enum: ['Low', 'Normal', 'High', 'Critical'] },
            active: { type: 'boolean', description: 'true raises the event, false clears it' },
          },
          required: ['id', 'm', 'ts'],
          additionalProperties: false,
        },
      },
      tz,
    },
    ['deviceId', 'events'],
  ),
  'altair.action': kind(
    'altair.action',
    'Altair IoT Studio: request an action of a Thing (input checked against the Thing Description)',
    { thingId: { ...id, description: 'Thing uid' }, action: { ...id, description: 'Action name' }, input: { description: 'The action\'s input' } },
    ['thingId', 'action'],
  ),
  'altair.event': kind(
    'altair.event',
    'Altair IoT Studio: create an event of a Thing',
    { thingId: id, event: { ...id, description: 'Event name' }, data: { description: 'The event\'s data' } },
    ['thingId', 'event'],
  ),
  'altair.properties': kind(
    'altair.properties',
    'Altair IoT Studio: update one or more properties of a Thing',
    {
      thingId: id,
      properties: { type: 'object', minProperties: 1, description: 'Property name → new value' },
      updateHistory: { type: 'boolean', description: 'Also append to the properties history (server default true)' },
    },
    ['thingId', 'properties'],
  ),
  'altair.email': kind(
    'altair.email',
    'Altair IoT Studio: send an e-mail (links, styles and images are stripped by the server)',
    { to: { ...emails, minItems: 1 }, cc: emails, bcc: emails, subject: { type: 'string' }, text: { type: 'string' }, html: { type: 'string' } },
    ['to'],
  ),
};

const kindNames = Object.keys(COMMAND_DEFINITIONS);

/** `{"kind": …}` dispatches to the definition of that kind (if/then keeps completion and messages specific). */
const commandRef = {
  type: 'object',
  required: ['kind'],
  properties: { kind: { enum: kindNames, description: 'What to send' } },
  allOf: kindNames.map((k) => ({ if: { properties: { kind: { const: k } }, required: ['kind'] }, then: { $ref: `#/definitions/${k}` } })),
};

export const IOTCMD_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://iot-explorer.github.io/schemas/iotcmd.schema.json',
  title: 'IoT Explorer command file',
  description: 'Saved commands and writes; each gets a "Send" CodeLens. Either one command, or {"connection", "commands": [...]}.',
  definitions: { ...COMMAND_DEFINITIONS, command: commandRef },
  oneOf: [
    {
      type: 'object',
      required: ['commands'],
      properties: {
        $schema: { type: 'string' },
        connection: { type: 'string', minLength: 1, description: 'Default connection of the commands below' },
        commands: { type: 'array', minItems: 1, items: { $ref: '#/definitions/command' } },
      },
      additionalProperties: false,
    },
    { $ref: '#/definitions/command' },
  ],
} as const;
