import { describe, expect, it } from 'vitest';
import { fields } from './helpers';

describe('French', () => {
  it.each([
    ['Nom : DUPONT', 'name'],
    ['Prénom(s) : Marie Claire', 'name'],
    ["Nom d'usage : MARTIN", 'name'],
    ['Née le 12.03.1984', 'birth-date'],
    ['Né(e) le : 01/02/1979', 'birth-date'],
    ['Date de naissance 5 mars 1962', 'birth-date'],
    ['N° de sécurité sociale 1 84 03 75 123 456 78', 'id-number'],
    ['Tél. : 01 23 45 67 89', 'phone'],
    ['06 12 34 56 78', 'phone'],
    ['12 rue de la Paix', 'address'],
    ['Adresse : 8 bis avenue Victor Hugo', 'address'],
    ['Courriel : marie.dupont@exemple.fr', 'email'],
  ])('%s → %s', (text, field) => {
    expect(fields(text)).toContain(field);
  });

  it.each([
    ['Prendre 2 comprimés par jour'],
    ['Lot 4B21 Exp. 03/2027'],
    ['Prix 12,90 €'],
    ["Notice d'information du patient"],
  ])('%s → nothing', (text) => {
    expect(fields(text)).toEqual([]);
  });
});
