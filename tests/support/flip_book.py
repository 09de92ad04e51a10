"""A flip-book page dump as staff drop them: synthetic, invented content (no real AMF document)."""

# Three pages with a running header and page numbers; a line break every few words, a word hyphenated
# across lines, superscript ordinals on lines of their own, section titles in the flow.
FLIP_BOOK = """RAPPORT ANNUEL 2023 · AMF

COOPÉRATION DÉCENTRALISÉE
Les relations avec les collectivités
étran-
gères se sont renforcées cette
année. Le 97
è
Congrès des maires s'est tenu
du 1
er
au 5 décembre à Paris.
Coopération avec le Sénégal
Depuis 2021, la ville de Thiès
accueille des stagiaires venus de
Saint-
Louis et de Dakar.

12

RAPPORT ANNUEL 2023 · AMF

Les élus ont rappelé les défis du
XXI
e
siècle lors du Sommet Africités
2003.
Deux mille personnes, dont six cents
maires, ont assisté aux débats sur
la gouvernance locale.

13

RAPPORT ANNUEL 2023 · AMF

Le porte-parole de la délégation a
salué le travail du porte-
parole sénégalais et des agents
de la ville.

14
"""


# A longer one for the integration test, dropped beside the seed: synthetic, invented facts (no real
# event or figure). "Deux mille quatre cents personnes…" goes on from the sentence naming the forum.
SAHEL_REPORT = """BULLETIN DES RELATIONS INTERNATIONALES · ÉDITION 2019

COOPÉRATION DÉCENTRALISÉE
Coopération avec le Niger
Depuis 2016, des villes françaises
travaillent avec le Niger sur la
gestion de l'eau. En 2019, la commune
de Zinder a reçu quarante-cinq mille
euros pour son réseau d'assai-
nissement, financé par un fonds
de solidarité des communes.

7

BULLETIN DES RELATIONS INTERNATIONALES · ÉDITION 2019

Les élus se sont retrouvés au
12
e
Forum des villes du Sahel,
organisé à Niamey du 1
er
au 3 mars 2019.
Deux mille quatre cents personnes,
dont six cents maires, ont assisté
aux débats sur la décentralisation.

8

BULLETIN DES RELATIONS INTERNATIONALES · ÉDITION 2019

FORMATION DES ÉLUS
Un programme d'échanges accueille
chaque année des secrétaires de
mairie nigériens pour des stages
de gestion budgétaire à Tahoua.

9
"""
