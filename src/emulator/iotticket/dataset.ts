/** Pieces both datasets share: the organization, the demo user, credentials, devices and value profiles. */
import type { Device } from './model';
import { hashString, hex32, mix } from './random';
import { WrittenSeries } from './series';
import type { Credential, DataType, GeneratorSpec, Organization, User } from './types';

export const DEMO_USER = 'demo@iot-explorer.local';
export const DEMO_PASSWORD = 'demo-password';
export const TENANT = 'acme';
export const ORGANIZATION_ID = 'E1001';

/** Fixed creation date of the seeded records, so ids and metadata do not move with the clock. */
export const CREATED = Date.UTC(2024, 0, 15, 8, 0, 0);

export function organizations(): Organization[] {
  return [
    {
      id: ORGANIZATION_ID, name: 'Acme Energy', tenantId: TENANT, parentId: null, description: 'Power and heat production',
      contactPerson: 'Aino Virtanen', accountManager: 'Mikko Lehtonen', created: CREATED,
      limits: { analyticsItems: 50, devices: 500, assets: 1_000_000, users: 100 },
    },
    {
      id: 'E1002', name: 'Acme Energy Services', tenantId: 'acme-services', parentId: ORGANIZATION_ID, description: 'Field service unit',
      contactPerson: 'Jussi Mäkelä', accountManager: 'Mikko Lehtonen', created: CREATED + 86_400_000,
      limits: { analyticsItems: 10, devices: 50, assets: 1000, users: 20 },
    },
  ];
}

export function users(): User[] {
  return [{ username: DEMO_USER, password: DEMO_PASSWORD, organizationId: ORGANIZATION_ID, roles: ['SubscriptionOwner', 'OrganizationAdmin'] }];
}

export function credentials(): Credential[] {
  return [
    {
      id: 'CR1', name: 'Entra ID – Databricks jobs', description: 'Service principal for the analytics workspace',
      grantType: 'client_credentials', accessTokenUrl: 'https://login.microsoftonline.com/acme.example/oauth2/v2.0/token',
      clientId: '3f2a9c4e-7b1d-4e8a-9c0f-1a2b3c4d5e6f', scope: '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default',
      organizationId: ORGANIZATION_ID, createdAt: CREATED,
    },
    {
      id: 'CR2', name: 'Entra ID – calculation functions', description: 'Function App for energy calculations',
      grantType: 'client_credentials', accessTokenUrl: 'https://login.microsoftonline.com/acme.example/oauth2/v2.0/token',
      clientId: '9d8c7b6a-5f4e-4d3c-8b2a-0f1e2d3c4b5a', scope: 'api://acme-calc/.default',
      organizationId: ORGANIZATION_ID, createdAt: CREATED + 3_600_000,
    },
    {
      id: 'CR3', name: 'Field service portal', description: 'The service unit\'s own work-order API',
      grantType: 'client_credentials', accessTokenUrl: 'https://auth.acme-services.example/oauth2/token',
      clientId: 'c0ffee00-1111-4222-8333-944445555666', scope: 'workorders.read',
      organizationId: 'E1002', createdAt: CREATED + 86_400_000,
    },
  ];
}

export interface DeviceSeed {
  readonly id: string;
  readonly v1: boolean;
  readonly name: string;
  readonly manufacturer: string;
  readonly type: string;
  readonly enterpriseId: number | null;
  readonly createdAt: number;
}

export function makeDevice(seed: DeviceSeed): Device {
  return {
    id: seed.id,
    v1Id: seed.v1 ? hex32(`v1/${seed.id}`) : null,
    tenantId: TENANT,
    password: `pw-${hex32(`password/${seed.id}`).slice(0, 16)}`,
    name: seed.name,
    manufacturer: seed.manufacturer,
    type: seed.type,
    description: `${seed.name} (${seed.type})`,
    enterpriseId: seed.enterpriseId,
    attributes: [{ key: 'Firmware', value: `2.${hashString(seed.id) % 7}.${hashString(seed.id) % 13}` }, { key: 'Protocol', value: 'HTTPS' }],
    createdAt: seed.createdAt,
    datanodes: new Map(),
    timesignals: new Map(),
    requestsToday: 0,
  };
}

/** How a measured quantity moves: base ± amplitude over the day, with noise. */
export interface Profile {
  readonly kind: DataType;
  readonly base?: number;
  readonly amplitude?: number;
  readonly noise?: number;
  readonly decimals?: number;
  readonly states?: readonly string[];
}

export function generator(profile: Profile, seed: number, key: string, stepMs: number, gapRate: number): GeneratorSpec {
  return {
    seed: mix(seed, hashString(key)), kind: profile.kind, stepMs, gapRate,
    base: profile.base ?? 0, amplitude: profile.amplitude ?? 0, noise: profile.noise ?? 0, decimals: profile.decimals ?? 2,
    states: profile.states,
  };
}

/** Adds a generated datanode (`(device, path, name)`) to a device. */
export function addGeneratedDatanode(device: Device, path: string, name: string, unit: string, spec: GeneratorSpec): void {
  const key = (path ? `/${path}/${name}` : `/${name}`).toLowerCase();
  device.datanodes.set(key, { name, path, dataType: spec.kind, unit, generator: spec, written: new WrittenSeries() });
}

/** A small ONNX-looking file: a protobuf ModelProto starts with field 1 (ir_version), tag 0x08. */
export function fakeOnnx(name: string, size: number): Buffer {
  const buf = Buffer.alloc(size);
  buf[0] = 0x08;
  buf[1] = 0x08;
  const producer = Buffer.from(`\x12\x07pytorch\x1a\x052.4.0:${name}`, 'latin1');
  producer.copy(buf, 2);
  let h = hashString(name);
  for (let i = 2 + producer.length; i < size; i++) {
    h = mix(h, i);
    buf[i] = h & 0xff;
  }
  return buf;
}
