import { builder } from '../builder.js';

export interface CatalogueShape {
  name?: string;
  isDefault?: boolean;
}

export const Catalogue = builder.objectRef<CatalogueShape>('Catalogue').implement({
  description: 'A database on the practice server that queries can target (RunQueryInput.catalogue).',
  fields: (t) => ({
    name: t.string({ resolve: (c) => c.name ?? '' }),
    isDefault: t.boolean({ resolve: (c) => c.isDefault ?? false }),
  }),
});
