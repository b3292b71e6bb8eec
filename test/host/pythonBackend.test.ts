/**
 * An IoT-TICKET connection whose asset API is served by the user's own das.iot_client (issue 13), in a
 * real VS Code: the stand-in das package of test/fixtures/das against the demo emulator, run by Debian's
 * python3 (with pandas) through the extension's bridge. The connection browses the tree, charts a series
 * and sends a command exactly as an HTTP-backed one; a factory that cannot be imported shows the Python
 * error row (Show Log, Select Interpreter); a change of interpreter restarts the process.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ChartPanel } from '../../src/charts/chartPanel';
import type { ConnectionProfile } from '../../src/connections/profile';
import type { DemoInfo } from '../../src/demo/demoService';
import type { ExplorerApi } from '../../src/extension';
import { basic, child, connectionNode, eventually, explorerApi, getJson, path } from './explorerHelpers';
import { until } from './webviewHelpers';

/** out/test/host → the repository. */
const ROOT = join(__dirname, '..', '..', '..');
const STANDIN = join(ROOT, 'test', 'fixtures', 'das');
const PYTHON = process.env.IOT_TEST_PYTHON ?? '/usr/bin/python3';
const ID = 'python-backed';

/** What the demo emulator reports beyond DemoInfo's type. */
type IotInfo = DemoInfo['iotticket'] & {
  readonly tenant?: string;
  readonly device?: { readonly id: string; readonly password: string };
  readonly asset: DemoInfo['iotticket']['asset'] & { readonly commandAttributeId: string };
};

suite('Python backend: a connection served by the user\'s das.iot_client', () => {
  let api: ExplorerApi;
  let info: DemoInfo;
  let tenant: string;
  const iot = (): IotInfo => info.iotticket as IotInfo;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('iotExplorer');

  const profile = (extra: Partial<ConnectionProfile> = {}): ConnectionProfile => ({
    id: ID,
    label: 'Python backed',
    platform: 'iotticket',
    assetApi: 'python',
    pythonSysPath: [STANDIN],
    pythonFactoryKwargs: { base_url: info.iotticket.coreBaseUrl, adapter_url: info.iotticket.adapterBaseUrl, username: info.iotticket.user },
    pythonSecretKwarg: 'password',
    adapterBaseUrl: info.iotticket.adapterBaseUrl,
    tenant,
    ...extra,
  });

  suiteSetup(async () => {
    const r = spawnSync(PYTHON, ['-c', 'import pandas'], { encoding: 'utf8' });
    assert.equal(r.status, 0, `these tests need ${PYTHON} with pandas: sudo apt-get install -y python3 python3-pandas (${r.stderr})`);
    api = await explorerApi();
    info = await api.startDemo({ reveal: false });
    tenant = iot().tenant ?? 'acme';
    await config().update('python.interpreterPath', PYTHON, vscode.ConfigurationTarget.Global);
    await api.connections.add(profile(), { password: info.iotticket.password });
  });

  suiteTeardown(async () => {
    await api.connections.remove(ID);
    await config().update('python.interpreterPath', undefined, vscode.ConfigurationTarget.Global);
  });

  test('Test Connection reports the interpreter, the factory and the organization das sees', async () => {
    const reached = await api.connections.sessions.test(ID);
    assert.match(reached[0], /^asset API: das\.iot_client:IoTClient .* in Python 3\.\d+\.\d+ \(.*python3.*\), organization Acme Energy/, reached.join('; '));
    assert.equal(api.connections.health.get(ID).state, 'ok');
  });

  test('the tree browses and a series charts through the Python process', async () => {
    const org = (await api.children(await connectionNode(api, ID)))[0];
    const asset = await path(api, org, 'Assets', ...info.iotticket.asset.namesPath);
    const attribute = await child(api, await child(api, asset, 'Telemetry data'), info.iotticket.asset.telemetryAttributeName);
    const panel = (await vscode.commands.executeCommand('iotExplorer.openChart', attribute)) as ChartPanel | undefined;
    assert.ok(panel, 'a chart opened');
    try {
      const result = await until('the chart to draw', () => (panel.snapshot().lastRender ? panel.snapshot() : undefined));
      assert.deepEqual(result.lastResult?.errors, []);
      assert.ok((result.lastRender?.points ?? 0) > 0, 'the demo series has points in the last 24 h');
      const session = await api.connections.sessions.iotticket(ID);
      assert.equal(session.assetApi?.backend, 'python');
    } finally {
      panel.dispose();
    }
  });

  test('a command sent through das reaches the device', async () => {
    const result = await (await api.actions()).send(
      { kind: 'iotticket.command', connection: ID, assetId: info.iotticket.asset.id, attributeId: iot().asset.commandAttributeId, templateVariables: { rpm: 4321 } },
      { quiet: true },
    );
    assert.ok(['accepted', 'ok'].includes(result.outcome.result), result.outcome.summary);
    const device = iot().device;
    assert.ok(device);
    await eventually(async () => {
      const polled = await getJson<{ commands: { payload: unknown }[] }>(
        `${info.iotticket.adapterBaseUrl}/command/${tenant}/${device.id}`,
        basic(`${device.id}@${tenant}`, device.password),
      );
      assert.ok(polled.commands.some((c) => JSON.stringify(c.payload).includes('4321')), JSON.stringify(polled));
    }, 30_000);
  });

  test('a factory that cannot be imported shows the Python error row with Show Log and Select Interpreter', async () => {
    await api.connections.add(profile({ pythonFactory: 'no_such_module_here:make_client' }), { password: info.iotticket.password });
    try {
      const rows = await eventually(async () => {
        const children = await api.children(await connectionNode(api, ID));
        assert.ok(children.some((c) => c.contextValue === 'iot.error.python'), children.map((c) => c.contextValue).join(', '));
        return children;
      }, 60_000);
      assert.ok(rows.length > 0);
      const manifest = vscode.extensions.getExtension('iot-explorer.iot-explorer')!.packageJSON as {
        contributes: { menus: Record<string, { command: string; when?: string }[]> };
      };
      const inline = manifest.contributes.menus['view/item/context'].filter((m) => m.when?.includes('viewItem == iot.error.python')).map((m) => m.command);
      assert.deepEqual(inline.sort(), ['iotExplorer.python.selectInterpreter', 'iotExplorer.showLog']);
    } finally {
      await api.connections.add(profile(), { password: info.iotticket.password });
    }
  });

  test('a change of interpreter restarts the process', async () => {
    const before = await api.connections.sessions.iotticket(ID);
    await before.assetApi?.organizations.getOrganizations();
    await config().update('python.interpreterPath', `${PYTHON} `, vscode.ConfigurationTarget.Global);
    const after = await eventually(async () => {
      const s = await api.connections.sessions.iotticket(ID);
      assert.notEqual(s, before, 'the session was rebuilt');
      return s;
    });
    assert.ok((await after.assetApi?.organizations.getOrganizations())?.length);
    await config().update('python.interpreterPath', PYTHON, vscode.ConfigurationTarget.Global);
  });
});
