import { builder } from '../builder.js';

export interface CatalogueShape {
  name?: string;
  isDefault?: boolean;
}

export const Catalogue = builder.objectRef<CatalogueShape>('Catalogue').implement({
  description: 'A database on the practice server that queries can target (RunQueryInput.catalogue).',
  fields: (t) => ({
    name: t.string({ description: 'The database name, for RunQueryInput.catalogue.', resolve: (c) => c.name ?? '' }),
    isDefault: t.boolean({
      description: 'The database queries run on when they name none.',
      resolve: (c) => c.isDefault ?? false,
    }),
  }),
});
