import nx from '@nx/eslint-plugin';

/**
 * Module boundaries, on the two tag axes every project.json carries (the README's project table lists
 * them): `scope:*` says whose code it is, `type:*` what kind. A BFF never imports another app or the
 * other BFF's code; a sample service never imports a gateway lib; util depends only on util.
 */
const depConstraints = [
  { sourceTag: 'scope:web-bff', onlyDependOnLibsWithTags: ['scope:web-bff', 'scope:shared'] },
  { sourceTag: 'scope:mobile-bff', onlyDependOnLibsWithTags: ['scope:mobile-bff', 'scope:shared'] },
  { sourceTag: 'scope:service', onlyDependOnLibsWithTags: ['scope:service', 'scope:shared'] },
  // Sample services stand in for other teams' code: they may share contracts and utilities, not gateway behaviour.
  { sourceTag: 'scope:service', notDependOnLibsWithTags: ['type:feature', 'type:data-access'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:util', 'type:tooling', 'type:feature', 'type:data-access'] },
  { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:util', 'type:feature', 'type:data-access'] },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/node_modules', 'bench/results'] },
  {
    files: ['**/*.ts', '**/*.js', '**/*.cts', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '^(\\.\\./)+tools/build/'],
          depConstraints,
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|describe|test)$/]",
          message: 'Focused tests silence the rest of the suite.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
