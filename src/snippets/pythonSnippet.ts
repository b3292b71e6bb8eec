/**
 * "Copy Python snippet": the `das.iot_client` (IoT-TICKET) or `iots` (Altair IoT Studio) call that reads
 * the node the user right-clicked, so they go from the tree to their scripts. Secrets never appear in
 * a snippet: they are read from environment variables. Every platform string goes through
 * src/shared/escape/python.ts: literals evaluate to exactly the name, comments stay comments.
 */
import { pythonComment, pythonList, pythonString } from '../shared/escape/python';
import { wellFormed } from '../shared/escape/text';

export type IotTicketAttributeType = 'TelemetryData' | 'Calculated' | 'Number' | 'String' | 'DeviceEvent' | 'AssetEvent' | 'Command';

export type SnippetTarget =
  | { readonly kind: 'organization'; readonly organizationId: string }
  | { readonly kind: 'asset'; readonly namesPath: readonly string[]; readonly assetId: string }
  | {
      readonly kind: 'attribute';
      readonly assetPath: readonly string[];
      readonly assetId: string;
      readonly attributeName: string;
      readonly attributeId: string;
      readonly type: IotTicketAttributeType;
    }
  | { readonly kind: 'activeEvents'; readonly assetIds: readonly string[] }
  | { readonly kind: 'device'; readonly deviceId: string }
  | { readonly kind: 'template'; readonly name: string }
  | { readonly kind: 'mlModel' | 'mlService' | 'onnxModel' | 'credential'; readonly name: string; readonly id: string }
  | { readonly kind: 'v1device'; readonly v1BaseUrl: string; readonly deviceId: string }
  | { readonly kind: 'datanode'; readonly v1BaseUrl: string; readonly deviceId: string; readonly path: string }
  | { readonly kind: 'enterprise'; readonly v1BaseUrl: string; readonly enterpriseId: string }
  | { readonly kind: 'space'; readonly host: string; /** Undefined: the connection signs in with an access token. */ readonly clientId: string | undefined; readonly space: string }
  | { readonly kind: 'category'; readonly host: string; readonly clientId: string | undefined; readonly space: string; readonly category: string }
  | { readonly kind: 'thing'; readonly host: string; readonly clientId: string | undefined; readonly space: string; readonly thingId: string; readonly title?: string }
  | { readonly kind: 'property'; readonly host: string; readonly clientId: string | undefined; readonly space: string; readonly thingId: string; readonly property: string }
  | { readonly kind: 'action' | 'event'; readonly host: string; readonly clientId: string | undefined; readonly space: string; readonly thingId: string; readonly name: string }
  | { readonly kind: 'model'; readonly host: string; readonly clientId: string | undefined; readonly space: string; readonly model: string };

/** Separates a snippet's set-up from its calls inside `buildSnippet`. */
const SPLIT = '\u0000';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An Altair target without the connection parts (host, client id, space) that the caller adds. */
export type AltairSnippetTarget = DistributiveOmit<Extract<SnippetTarget, { host: string }>, 'host' | 'clientId' | 'space'>;

/** A Python string literal whose value is exactly `value`. */
const py = pythonString;
const pyList = pythonList;
/** Text after `#`: stays on its line whatever it holds. */
const c = (text: string): string => pythonComment(text);
/** A URL path segment: a name with `/`, `?` or `..` stays one segment of the intended path. */
const segment = (text: string): string => encodeURIComponent(wellFormed(text));

const DAS_HEADER = ['from das.iot_client import IoTClient', '', 'client = IoTClient()  # uses your DAS configuration: organization and credentials', SPLIT];

function iotsHeader(host: string, clientId: string | undefined, scopes: string): string[] {
  // A connection that signs in with an access token: the SDK's set_token, the token from the environment.
  if (clientId === undefined) return ['import os', 'from iots import API', '', `api = API(host=${py(host)}).set_token(os.environ['IOTS_TOKEN'])`, SPLIT];
  return [
    'import os',
    'from iots import API',
    '',
    `api = API(host=${py(host)}).set_credentials(`,
    `    ${py(clientId)}, os.environ['IOTS_CLIENT_SECRET'], ${scopes}`,
    ')',
    SPLIT,
  ];
}

const V1_HEADER = (base: string): string[] => [
  'import os',
  'from iotticket.client import Client  # Wapice IoTTicket-PythonLibrary (REST API v1)',
  '',
  `client = Client(${py(base.replace(/\/?$/, '/'))}, os.environ['IOT_TICKET_USER'], os.environ['IOT_TICKET_PASSWORD'])`,
  SPLIT,
];

/** A snippet split into its set-up (imports, client) and the calls, so several can share one set-up. */
export interface SnippetParts {
  readonly header: readonly string[];
  readonly body: readonly string[];
}

export function pythonSnippet(target: SnippetTarget): SnippetParts {
  const lines = buildSnippet(target);
  const split = lines.indexOf(SPLIT);
  return { header: lines.slice(0, split), body: lines.slice(split + 1) };
}

/** One script from one or more snippets: each distinct set-up once, then every call. */
export function formatSnippets(parts: readonly SnippetParts[]): string {
  const headers: string[] = [];
  for (const p of parts) {
    const h = p.header.join('\n');
    if (!headers.includes(h)) headers.push(h);
  }
  return `${headers.join('\n\n')}\n\n${parts.map((p) => p.body.join('\n')).join('\n\n')}\n`;
}


function buildSnippet(t: SnippetTarget): string[] {
  switch (t.kind) {
    case 'organization':
      return [...DAS_HEADER, `details = client.get_organization_details(organization_id=${py(t.organizationId)})`, 'assets = client.get_assets()  # root level of the asset tree'];
    case 'asset':
      return [
        ...DAS_HEADER,
        `names_path = ${pyList(t.namesPath)}  # asset id ${c(t.assetId)}`,
        'children = client.get_assets(names_path=names_path)',
        'attributes = client.get_attributes(names_path=names_path)',
      ];
    case 'attribute':
      return [...DAS_HEADER, ...attributeCall(t)];
    case 'activeEvents':
      return [...DAS_HEADER, `events = client.get_asset_events_active(asset_ids=${pyList(t.assetIds)})`];
    case 'device':
      return [...DAS_HEADER, `device = client.get_device(${py(t.deviceId)})`];
    case 'template':
      return [...DAS_HEADER, `template = client.get_asset_template(template_name=${py(t.name)})`];
    case 'mlModel':
      return [...DAS_HEADER, `model = client.get_model_details(model_name=${py(t.name)})  # id ${c(t.id)}`];
    case 'mlService':
      return [...DAS_HEADER, `service = client.get_service_details(service_name=${py(t.name)})  # id ${c(t.id)}`];
    case 'onnxModel':
      return [...DAS_HEADER, `onnx_model = client.get_onnx_model_details(model_name=${py(t.name)})  # id ${c(t.id)}`];
    case 'credential':
      return [...DAS_HEADER, `query = client.get_credential_query(credential_name=${py(t.name)})  # id ${c(t.id)}`];
    case 'v1device':
      return [...V1_HEADER(t.v1BaseUrl), `device = client.getdevice(${py(t.deviceId)})`, `datanodes = client.getdatanodeslist(${py(t.deviceId)})`];
    case 'datanode':
      return [...V1_HEADER(t.v1BaseUrl), `values = client.readdata(${py(t.deviceId)}, ${py(t.path)})  # latest value; add fromdate/todate for a range`];
    case 'enterprise':
      return [...V1_HEADER(t.v1BaseUrl), `devices = client.getdevices()  # devices of every enterprise; enterprise ${c(t.enterpriseId)}`];
    case 'space':
      return [...iotsHeader(t.host, t.clientId, "['thing.read', 'category.read']"), `things = api.spaces(${py(t.space)}).things().get()`];
    case 'category':
      return [
        ...iotsHeader(t.host, t.clientId, "['thing.read', 'category.read']"),
        `category = api.spaces(${py(t.space)}).categories(${py(t.category)}).get()`,
        `things = api.spaces(${py(t.space)}).categories(${py(t.category)}).things().get()`,
      ];
    case 'thing':
      return [
        ...iotsHeader(t.host, t.clientId, "['thing.read']"),
        `thing = api.spaces(${py(t.space)}).things(${py(t.thingId)}).get()${t.title ? `  # ${c(t.title)}` : ''}`,
        `properties = api.spaces(${py(t.space)}).things(${py(t.thingId)}).properties().get()`,
      ];
    case 'property':
      return [...iotsHeader(t.host, t.clientId, "['thing.read']"), `value = api.spaces(${py(t.space)}).things(${py(t.thingId)}).properties(${py(t.property)}).get()`];
    case 'action':
      return [...iotsHeader(t.host, t.clientId, "['thing.read']"), `actions = api.spaces(${py(t.space)}).things(${py(t.thingId)}).actions(${py(t.name)}).get()`];
    case 'event':
      return [...iotsHeader(t.host, t.clientId, "['thing.read']"), `events = api.spaces(${py(t.space)}).things(${py(t.thingId)}).events(${py(t.name)}).get()`];
    case 'model':
      return [
        ...iotsHeader(t.host, t.clientId, "['model.read']"),
        '# iots has no models resource: a plain request reaches the same API',
        `model = api.make_request('GET', ${py(`/spaces/${segment(t.space)}/models/${segment(t.model)}`)}).json()`,
      ];
  }
}

function attributeCall(t: Extract<SnippetTarget, { kind: 'attribute' }>): string[] {
  const path = pyList([...t.assetPath, t.attributeName]);
  switch (t.type) {
    case 'TelemetryData':
    case 'Calculated':
      return [
        `# ${c(t.attributeName)} (${t.type}), attribute id ${c(t.attributeId)}`,
        `df = client.get_timeseries(names_path=${path}, limit=10000)`,
        `stats = client.get_statistics('CurrentDay', 'Hour', names_path=${path})`,
      ];
    case 'Number':
    case 'String':
      return [
        `attributes = client.get_attributes(names_path=${pyList(t.assetPath)}, attribute_type=${py(t.type)})`,
        `value = next(a for a in attributes if a.name == ${py(t.attributeName)})  # attribute id ${c(t.attributeId)}`,
      ];
    case 'DeviceEvent':
    case 'AssetEvent':
      return [`events = client.get_asset_events_active(asset_ids=[${py(t.assetId)}])  # ${c(t.attributeName)} (${t.type})`];
    case 'Command':
      return [`details = client.get_command_details(names_path=${pyList(t.assetPath)}, identifier_name=${py(t.attributeName)})`];
  }
}
