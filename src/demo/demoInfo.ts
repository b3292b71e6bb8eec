/** The demo emulator's `info()`, checked when the demo starts (loaded with it: valibot is not part of activation). */
import * as v from 'valibot';

/** What the emulator's `info()` says about each platform (the parts the explorer uses), checked on arrival. */
const str = v.string();
const demoInfoSchema = v.looseObject({
  url: str,
  iotticket: v.looseObject({
    user: str,
    password: str,
    tenant: v.optional(str),
    organizationId: v.optional(str),
    v1BaseUrl: str,
    adapterBaseUrl: str,
    coreBaseUrl: str,
    /** An example v1 device and datanode. */
    v1: v.looseObject({ deviceId: str, datanodePath: str }),
    /** An example asset with a telemetry attribute. */
    asset: v.looseObject({ id: str, namesPath: v.array(str), telemetryAttributeId: str, telemetryAttributeName: str }),
  }),
  altair: v.looseObject({
    clientId: str,
    clientSecret: str,
    space: str,
    scopes: v.array(str),
    baseUrl: str,
    category: str,
    /** An example thing with a numeric property, an action and an event. */
    thing: v.looseObject({ id: str, title: str, numericProperty: str, actionName: str, eventName: str }),
    /** The emulator's MQTT broker (the demo connection's `mqttUrl`). */
    mqtt: v.optional(v.looseObject({ url: str })),
  }),
});
export type DemoInfo = v.InferOutput<typeof demoInfoSchema>;

export function parseDemoInfo(info: unknown): DemoInfo {
  return v.parse(demoInfoSchema, info);
}
