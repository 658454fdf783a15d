/**
 * Compiles the WebAssembly text kernels (*.wat beside this file) to the byte strings their
 * TypeScript modules load synchronously (gram-kernel-bytes.ts), so neither a run nor an install needs
 * a compiler. tests/gnn/core/linalg/kernels.test.ts fails when a .wat file and its bytes disagree.
 * Usage: npm run kernels
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';

const DIR = path.dirname(fileURLToPath(import.meta.url));
/** Each kernel: its WebAssembly text and the module that embeds it. */
export const KERNELS = [{ wat: 'gram-kernel.wat', module: 'gram-kernel-bytes.ts', constant: 'GRAM_KERNEL_BASE64' }];

/** The binary of a .wat file, base64-encoded. */
export async function compileKernel(wat: string): Promise<string> {
  const wabt = await wabtInit();
  const parsed = wabt.parseWat(wat, readFileSync(path.join(DIR, wat), 'utf8'), { simd: true, bulk_memory: true });
  try {
    parsed.validate();
    return Buffer.from(parsed.toBinary({}).buffer).toString('base64');
  } finally {
    parsed.destroy();
  }
}

export function embeddedModule(k: (typeof KERNELS)[number], base64: string): string {
  return `// Generated from ${k.wat} by \`npm run kernels\` (compile-kernels.ts); edit the .wat file, not this one.\nexport const ${k.constant} = '${base64}';\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  for (const k of KERNELS) writeFileSync(path.join(DIR, k.module), embeddedModule(k, await compileKernel(k.wat)));
