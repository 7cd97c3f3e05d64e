/** Sample texts for the demo newsroom, written for this project. */

export const DEMO_USERS = [
  {
    key: "admin",
    email: "admin@newsroom.test",
    name: "Amélie Rousseau",
    role: "admin",
    jobTitle: "Rédactrice en chef adjointe",
    bio: "Amélie Rousseau dirige les outils numériques de la rédaction.",
    bioLanguage: "fr",
  },
  {
    key: "editor",
    email: "editor@newsroom.test",
    name: "Marc Dubois",
    role: "editor",
    jobTitle: "Chef d’édition",
    bio: "Marc Dubois coordonne le desk international depuis 2019.\n\nIl a auparavant couvert l’Afrique de l’Ouest.",
    bioLanguage: "fr",
  },
  {
    key: "claire",
    email: "claire@newsroom.test",
    name: "Claire Martin",
    role: "journalist",
    jobTitle: "Journaliste cybersécurité",
    bio: "Claire Martin covers cyber security and digital sovereignty for the newsroom. Before joining, she spent six years reporting on technology policy in Brussels.\n\nShe writes in French and English.",
    bioLanguage: "en",
    location: "Paris",
    links: [
      { label: "Website", url: "https://claire-martin.example" },
      { label: "Mastodon", url: "https://mastodon.example/@claire" },
    ],
  },
  {
    key: "yanis",
    email: "yanis@newsroom.test",
    name: "Yanis Benali",
    role: "journalist",
    jobTitle: "Journaliste économie",
    bio: "Yanis Benali suit l’industrie, l’énergie et les marchés européens.",
    bioLanguage: "fr",
    location: "Lyon",
  },
] as const;

export const DEMO_SECTIONS = [
  { name: "International", slug: "international" },
  { name: "Économie", slug: "economie" },
  { name: "Technologie", slug: "technologie" },
] as const;

export type DemoArticle = {
  key: string;
  author: (typeof DEMO_USERS)[number]["key"];
  coAuthors?: (typeof DEMO_USERS)[number]["key"][];
  section: (typeof DEMO_SECTIONS)[number]["slug"];
  language: string;
  headline: string;
  dek: string;
  highlights: string[];
  paragraphs: string[];
  tags: string[];
  state: "draft" | "in_review" | "changes_requested" | "approved" | "scheduled" | "published" | "unpublished";
  publishedHoursAgo?: number;
};

export const TYPICAL_ARTICLE_SLUG = "la-chine-nie-toute-implication-dans-la-cyberattaque-contre-les-hopitaux-francais";

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    key: "typical",
    author: "claire",
    section: "technologie",
    language: "fr",
    state: "published",
    publishedHoursAgo: 3,
    headline: "La Chine nie toute implication dans la cyberattaque contre les hôpitaux français",
    dek: "Pékin dément les accusations de Paris, qui attribue à un groupe lié à l’État chinois l’intrusion ayant paralysé une dizaine d’hôpitaux pendant quatre jours.",
    highlights: [
      "Onze hôpitaux de trois régions ont basculé en mode dégradé pendant quatre jours.",
      "L’ANSSI attribue l’attaque à un groupe qu’elle nomme « APT41 », actif depuis 2012.",
      "Le ministère chinois des Affaires étrangères parle d’« accusations sans fondement ».",
      "Aucune donnée de patient n’a été publiée à ce stade, selon les autorités sanitaires.",
      "Les attaquants sont passés par un logiciel de gestion des rendez-vous non mis à jour.",
      "Paris convoque l’ambassadeur de Chine, une première depuis 2021.",
      "Bruxelles envisage des sanctions ciblées au titre du régime cyber de l’UE.",
      "Les hôpitaux touchés ont repris leur activité normale lundi matin.",
    ],
    paragraphs: [
      "Pékin a opposé jeudi un démenti catégorique aux accusations françaises. « La Chine s’oppose fermement à toute forme de cyberattaque et rejette des accusations sans fondement », a déclaré le porte-parole du ministère des Affaires étrangères lors de son point de presse quotidien.",
      "La veille, l’Agence nationale de la sécurité des systèmes d’information (ANSSI) avait publié un rapport technique de quarante pages. Elle y décrit l’enchaînement qui a conduit, début novembre, onze établissements de santé à fonctionner sur papier : une faille connue dans un logiciel de prise de rendez-vous, des identifiants d’administration réutilisés, puis un déploiement de rançongiciel en pleine nuit.",
      "Selon l’agence, les outils et l’infrastructure employés correspondent « avec un haut degré de confiance » à ceux d’un groupe qu’elle suit depuis plus de dix ans, connu des chercheurs sous le nom d’APT41. Ce groupe mêle, d’après plusieurs rapports publics, espionnage pour le compte de l’État et opérations à but lucratif.",
      "Dans les hôpitaux, l’heure est au bilan. « On a ressorti les classeurs et les fax ; les équipes ont tenu, mais à quel prix », résume une cadre de santé d’un centre hospitalier de l’Est, qui a requis l’anonymat. Les urgences ont été partiellement délestées vers les établissements voisins pendant trois jours.",
      "Le gouvernement a convoqué l’ambassadeur de Chine à Paris. À Bruxelles, plusieurs États membres plaident pour des sanctions ciblées contre des personnes et des entités liées à l’attaque, au titre du régime européen de sanctions cyber créé en 2019.",
      "Les spécialistes rappellent que l’attribution reste un exercice délicat. « Une attribution publique est un acte politique autant que technique », souligne un ancien responsable de la sécurité informatique de l’État, pour qui l’essentiel est ailleurs : « Le correctif existait depuis huit mois. »",
    ],
    tags: [
      "#CybersécuritéFrançaise",
      "APT41",
      "Chine",
      "#ANSSI",
      "#Hôpitaux",
      "#Rançongiciel",
      "#SantéPublique",
      "#Diplomatie",
      "#UnionEuropéenne",
      "#Sanctions",
      "#Pékin",
      "#SécuritéNumérique",
      "#CyberAttaque",
      "#SouverainetéNumérique",
      "#Espionnage",
      "#Attribution",
    ],
  },
  {
    key: "energy",
    author: "yanis",
    section: "economie",
    language: "fr",
    state: "published",
    publishedHoursAgo: 26,
    headline: "Les prix de l’électricité reculent pour le troisième mois consécutif",
    dek: "La baisse des cours de gros commence à se voir sur les factures des entreprises, moins sur celles des ménages.",
    highlights: ["Le prix de gros a perdu 18 % depuis l’été.", "Les contrats à prix fixe des ménages ne suivent qu’avec retard."],
    paragraphs: [
      "Sur le marché de gros, le mégawattheure pour livraison l’an prochain s’échange désormais sous la barre des 70 euros, un niveau inédit depuis trois ans.",
      "Pour les industriels, l’effet est immédiat. « Nos contrats sont indexés, on le voit dès ce mois-ci », explique le directeur financier d’une fonderie de la vallée du Rhône.",
      "Les ménages devront patienter : les tarifs réglementés ne seront révisés qu’en février.",
    ],
    tags: ["Énergie", "#Électricité", "#PouvoirDAchat", "Industrie"],
  },
  {
    key: "english",
    author: "claire",
    coAuthors: ["yanis"],
    section: "international",
    language: "en",
    state: "published",
    publishedHoursAgo: 50,
    headline: "European ports test a shared cyber-alert network",
    dek: "Rotterdam, Antwerp and Le Havre will exchange threat indicators in real time from January.",
    highlights: ["Three of Europe’s largest ports join the pilot.", "Alerts are shared within minutes rather than days."],
    paragraphs: [
      "Port operators in Rotterdam, Antwerp and Le Havre have agreed to pool their cyber-threat alerts, in a pilot funded by the European Union.",
      "“A ransomware crew that hits one terminal usually tries the next one within a week,” said one of the project’s coordinators.",
    ],
    tags: ["#CybersécuritéFrançaise", "Ports", "#UnionEuropéenne", "Logistics"],
  },
  {
    key: "draft",
    author: "claire",
    section: "technologie",
    language: "fr",
    state: "draft",
    headline: "Brouillon : enquête sur les failles des objets connectés",
    dek: "Premières notes, ne pas publier.",
    highlights: [],
    paragraphs: ["Notes de terrain à compléter après les entretiens de mardi."],
    tags: ["#ObjetsConnectés"],
  },
  {
    key: "review",
    author: "yanis",
    section: "economie",
    language: "fr",
    state: "in_review",
    headline: "Les start-up françaises lèvent moins mais mieux",
    dek: "Le nombre de levées de fonds recule, leur montant moyen progresse.",
    highlights: ["412 levées au troisième trimestre, contre 530 un an plus tôt."],
    paragraphs: [
      "Les investisseurs se concentrent sur les entreprises proches de la rentabilité.",
      "« L’argent est là, mais il est devenu exigeant », résume une investisseuse parisienne.",
    ],
    tags: ["Startups", "#FrenchTech", "Financement"],
  },
  {
    key: "changes",
    author: "claire",
    section: "international",
    language: "fr",
    state: "changes_requested",
    headline: "À Taïwan, l’industrie des semi-conducteurs se prépare au pire",
    dek: "Plans de continuité, stocks stratégiques et usines à l’étranger.",
    highlights: ["Les fondeurs multiplient les sites hors de l’île."],
    paragraphs: ["À Hsinchu, les exercices de continuité d’activité sont devenus trimestriels."],
    tags: ["Taïwan", "#SemiConducteurs", "Chine"],
  },
  {
    key: "approved",
    author: "yanis",
    section: "economie",
    language: "fr",
    state: "approved",
    headline: "Le fret ferroviaire reprend des couleurs",
    dek: "Après des années de déclin, les volumes transportés repartent à la hausse.",
    highlights: [],
    paragraphs: ["Les volumes ont progressé de 6 % sur un an, portés par le transport combiné."],
    tags: ["Transport", "#Fret"],
  },
  {
    key: "unpublished",
    author: "yanis",
    section: "economie",
    language: "fr",
    state: "unpublished",
    publishedHoursAgo: 80,
    headline: "Article retiré : chiffres du chômage erronés",
    dek: "Retiré en attendant la publication corrigée de l’Insee.",
    highlights: [],
    paragraphs: ["Ce texte a été dépublié."],
    tags: ["Emploi"],
  },
];
