// The workspace `npm run demo` opens: a copy of test/fixtures/workspace plus a folder-open task whose
// `${command:iotExplorer.tryDemo}` runs our command as VS Code opens the folder. That activates the
// extension through its own command (no start-up activation event), starts the built-in emulator and
// reveals both demo connections expanded, without a click. Settings must allow automatic tasks.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, TOOLS } = require('./codeServer.cjs');

const DEMO_SETTINGS = { 'task.allowAutomaticTasks': 'on' };

function createDemoWorkspace() {
  fs.mkdirSync(path.join(TOOLS, '../tmp'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(TOOLS, '../tmp/demo-ws-'));
  fs.cpSync(path.join(ROOT, 'test/fixtures/workspace'), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.vscode/tasks.json'), JSON.stringify({
    version: '2.0.0',
    tasks: [{
      label: 'Open the IoT Explorer demo',
      type: 'shell',
      command: 'echo "IoT Explorer demo started: ${command:iotExplorer.tryDemo}"',
      runOptions: { runOn: 'folderOpen' },
      presentation: { reveal: 'never', close: true },
      problemMatcher: [],
    }],
  }, null, 2));
  return dir;
}

module.exports = { createDemoWorkspace, DEMO_SETTINGS };
