import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'test/support/reporter.cjs', 'src/http/public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-params': ['error', 4],
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
      complexity: ['warn', 12],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'better-sqlite3', '@eventstore/*', 'express', 'pino'],
              message: 'src/domain is pure: no I/O.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'src/domain never reads the clock: take `now` as an argument.',
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'src/domain never reads the clock: take `now` as an argument.',
        },
        {
          object: 'DateTime',
          property: 'now',
          message: 'src/domain never reads the clock: take `now` as an argument.',
        },
      ],
    },
  },
  {
    files: ['projections/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        fromAll: 'readonly',
        fromCategory: 'readonly',
        fromStream: 'readonly',
        fromStreams: 'readonly',
        emit: 'readonly',
        linkTo: 'readonly',
        options: 'readonly',
      },
    },
  },
);
