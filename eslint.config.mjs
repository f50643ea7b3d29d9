// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '**/*.js',
      '**/*.mjs',
      'data/**',
      '.run/**',
      '.tools/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/unbound-method': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../../*'], message: 'Import other folders through their @chat/<lib> alias.' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through @chat/config.' },
      ],
    },
  },
  {
    // Services never import a database driver: only a library's adapters (mongo/, sqlite/), its storage
    // module, the platform's connection modules and the test infrastructure do.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: [
      'libs/*/src/**/mongo/**',
      'libs/*/src/**/sqlite/**',
      'libs/*/src/storage/**',
      'libs/testing/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['mongoose', '@nestjs/mongoose', 'mongodb', 'better-sqlite3', '@push.rocks/smartmongo'].map(
            (name) => ({ name, message: 'Database drivers belong in a storage adapter (mongo/, sqlite/).' }),
          ),
          patterns: [
            { group: ['../../*'], message: 'Import other folders through their @chat/<lib> alias.' },
          ],
        },
      ],
    },
  },
  {
    // The config library is the one reader of the environment; test infrastructure hands servers to tests.
    files: ['libs/config/**/*.ts', 'libs/testing/**/*.ts', 'test/**/*.ts', '**/*.spec.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Tests may import the app they exercise, and assert on untyped JSON.
    files: ['test/**/*.ts', '**/*.spec.ts', 'libs/testing/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
