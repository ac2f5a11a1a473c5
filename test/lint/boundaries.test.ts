import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

/** The folder boundaries are the architecture; these prove the lint rules really enforce them. */
describe('folder boundaries', () => {
  it('keeps the renderer away from main, Node and Electron', async () => {
    expect(await restrictedImports('renderer/x.ts', "import { createCore } from '../main/core/create-core';\nexport { createCore };\n")).toHaveLength(1);
    expect(await restrictedImports('renderer/x.ts', "import { readFileSync } from 'node:fs';\nexport { readFileSync };\n")).toHaveLength(1);
    expect(await restrictedImports('renderer/x.ts', "import { ipcRenderer } from 'electron';\nexport { ipcRenderer };\n")).toHaveLength(1);
    expect(await restrictedImports('renderer/x.ts', "import { channels } from '../shared/contract/channels';\nexport { channels };\n")).toHaveLength(0);
  });

  it('keeps shared/ free of Node, Electron, the DOM layer and main', async () => {
    expect(await restrictedImports('shared/x.ts', "import { join } from 'path';\nexport { join };\n")).toHaveLength(1);
    expect(await restrictedImports('shared/x.ts', "import { app } from 'electron';\nexport { app };\n")).toHaveLength(1);
    expect(await restrictedImports('shared/x.ts', "import { useState } from 'react';\nexport { useState };\n")).toHaveLength(1);
    expect(await restrictedImports('shared/x.ts', "import { z } from 'zod';\nexport { z };\n")).toHaveLength(0);
  });

  it('lets only main/electron import Electron, and only the bridge use ipcMain', async () => {
    expect(await restrictedImports('main/vault/x.ts', "import { app } from 'electron';\nexport { app };\n")).toHaveLength(1);
    expect(await restrictedImports('main/electron/x.ts', "import { app } from 'electron';\nexport { app };\n")).toHaveLength(0);
    expect(await restrictedImports('main/electron/x.ts', "import { ipcMain } from 'electron';\nexport { ipcMain };\n")).toHaveLength(1);
    expect(await restrictedImports('main/electron/ipc-bridge.ts', "import { ipcMain } from 'electron';\nexport { ipcMain };\n")).toHaveLength(0);
  });

  it('keeps preload away from main', async () => {
    expect(await restrictedImports('preload/x.ts', "import { createCore } from '../main/core/create-core';\nexport { createCore };\n")).toHaveLength(1);
  });
});
