import { test } from '../../../support/node-test';
import assert from 'node:assert/strict';
import { compileKernel, KERNELS } from '../../../../gnn/core/linalg/compile-kernels';
import { GRAM_KERNEL_BASE64 } from '../../../../gnn/core/linalg/gram-kernel-bytes';

const EMBEDDED: Record<string, string> = { GRAM_KERNEL_BASE64 };

test('each WebAssembly kernel embedded in the code is its .wat source compiled (npm run kernels)', async () => {
  for (const k of KERNELS) assert.equal(EMBEDDED[k.constant], await compileKernel(k.wat), `${k.wat} changed: run npm run kernels`);
});
