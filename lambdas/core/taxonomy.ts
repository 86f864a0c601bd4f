/**
 * The topic taxonomy of ../shared/spec/topics.md as data, GDELT-GKG style: each topic has weighted
 * trigger phrases and suppressing phrases. A phrase is lower-case words; hyphens and apostrophes
 * count as word breaks ("people-to-people" is "people to people"); a trailing `*` on the last word
 * matches any word starting with it ("refugee*"). A trigger inside a suppressing phrase of the same
 * topic does not count ("trade" in "trade union"). A topic is present when its hits add up to 1:
 * one strong phrase (weight 1) suffices, weak ones need company.
 */
import type { TopicId } from './topic-ids';

/** One topic of the taxonomy. */
export interface TopicDefinition {
  readonly id: TopicId;
  readonly label: string;
  readonly description: string;
  /** Trigger phrase → weight (1 = enough on its own). */
  readonly phrases: Readonly<Record<string, number>>;
  /** Phrases in which this topic's triggers do not count. */
  readonly suppress: readonly string[];
  /** GDELT GKG theme codes with the same meaning (cross-reference only). */
  readonly gdelt?: readonly string[];
}

/** Score at which a topic counts as present in a transcript. */
export const TOPIC_THRESHOLD = 1;

/** Every topic, in the order of topics.md. */
export const TAXONOMY: readonly TopicDefinition[] = [
  {
    id: 'human-rights',
    label: 'Human rights',
    description: 'human rights in general; fundamental freedoms; rights abuses; a human rights dialogue or council',
    phrases: {
      'human rights': 1, 'human right': 1, 'fundamental freedoms': 1, 'fundamental freedom': 0.8, 'civil liberties': 1,
      'civil and political rights': 1, 'universal declaration': 1, 'rights abuses': 1, 'rights violations': 1,
      'rights abuse': 1, 'abuses': 0.3, 'torture': 0.8, 'tortured': 0.6, 'extrajudicial': 1, 'enforced disappearance*': 1,
      'basic rights': 0.7, 'fundamental rights': 1, 'human dignity': 0.4, 'inalienable rights': 0.6, 'universal rights': 0.8, 'individual rights': 0.5,
      'rights and freedoms': 1, 'rights': 0.25, 'freedoms': 0.35, 'freedom': 0.15, 'dignity': 0.25, 'repression': 0.5,
      'oppression': 0.4, 'persecution': 0.4, 'crackdown': 0.3, 'rights defenders': 1,
    },
    suppress: [
      'office for democratic institutions and human rights',
      'property rights', 'intellectual property rights', 'water rights', 'mineral rights', 'overflight rights',
      'landing rights', 'fishing rights', 'rights reserved', 'states rights', 'drawing rights', 'special drawing rights',
      'voting rights act', 'copy rights', 'broadcast rights', 'exclusive rights', 'trading rights', 'transit rights',
    ],
    gdelt: ['SELF_IDENTIFIED_HUMAN_RIGHTS', 'HUMAN_RIGHTS'],
  },
  {
    id: 'sanctions',
    label: 'Sanctions',
    description: 'sanctions, designations, asset freezes, export controls, visa restrictions imposed as a penalty, secondary sanctions, embargoes',
    phrases: {
      sanctions: 1, sanction: 0.6, sanctioned: 0.6, sanctioning: 0.8, 'asset freeze*': 1, 'assets frozen': 1,
      'frozen assets': 1, 'freeze assets': 1, 'freezing assets': 1, 'export controls': 1, 'export control': 1,
      'visa restrictions': 1, 'visa restriction': 1, 'visa ban*': 1, embargo: 1, embargoes: 1, embargoed: 1,
      designations: 0.6, designation: 0.4, designated: 0.4, designating: 0.5, designate: 0.3, ofac: 1,
      'office of foreign assets control': 1, 'magnitsky': 1, '7031': 1, 'ineligible for entry': 1,
      'blocked property': 1, 'blocking property': 1, 'entity list': 1, blacklist: 0.6, blacklisted: 0.6,
      'punitive measures': 0.6, 'restrictive measures': 1, 'travel ban': 0.6, 'specially designated': 1,
      'secondary sanctions': 1, 'economic pressure': 0.3, penalties: 0.3, 'impose costs': 0.5, 'imposing costs': 0.5,
      // Assets frozen in so many words: "has frozen the assets of a number of entities".
      'frozen the assets': 1, 'froze the assets': 1, 'freeze the assets': 1, 'freezing the assets': 1,
      // Lists and evasion
      'adding names to the lists': 0.6, 'prohibited goods': 0.5, circumvention: 0.6, circumvent: 0.5, 'get around existing measures': 0.6,
    },
    suppress: [
      'sanctioned event', 'sanctioned events', 'officially sanctioned', 'state sanctioned', 'government sanctioned',
      'sanctioned by law', 'designated driver', 'designated hitter', 'designated survivor', 'designated as a world',
      'designated as world', 'designated areas', 'designated area', 'designated time', 'designation as a world',
      'designated places', 'designated representative', 'designated representatives', 'designated for',
      'embargoed until', 'embargo is now lifted', 'embargo on this call', 'embargoed for', 'under embargo until',
    ],
    gdelt: ['SANCTIONS', 'ECON_EMBARGO'],
  },
  {
    id: 'sovereignty',
    label: 'Sovereignty and territorial integrity',
    description: 'sovereignty, territorial integrity, independence of a state',
    phrases: {
      sovereignty: 1, 'territorial integrity': 1, sovereign: 0.5, 'sovereign state*': 1, 'sovereign nation*': 1,
      'sovereign country': 1, 'sovereign equality': 1, independence: 0.35, annexation: 1, annexed: 0.8, annex: 0.5,
      'internationally recognized borders': 1, 'internationally recognised borders': 1, 'self determination': 0.8,
      'occupied territories': 0.6, 'occupied territory': 0.6, 'illegal occupation': 0.8, 'independent state': 0.6,
      'independent country': 0.6, 'borders': 0.25, 'border': 0.15, 'choose their own future': 0.6,
      'choose its own future': 0.6, 'choose their own path': 0.6, 'choose its own path': 0.6, 'outside coercion': 0.6, 'free from coercion': 0.6, 'right to choose their': 0.6, 'spheres of influence': 0.6,
      'sphere of influence': 0.6, 'called referendum*': 0.8, 'sham referendum*': 1,
      'sovereign rights': 1,
      // Own course in plain words
      'redraw a map': 0.6, 'redraw the map': 0.6, 'redraw borders': 0.8, 'waters belong to': 0.6, 'arbitral ruling': 0.5, 'territorial waters': 0.6, 'exclusive economic zone': 0.6, 'chart its own course': 0.8, 'its own course': 0.6, 'its own choices': 0.4, 'pressure or coercion': 0.5, 'its own partnerships': 0.6, 'decide its own': 0.5,
      // Unity and integrity of a state
      'integrity of all its lands': 1, 'integrity of its territory': 1, 'unity and integrity': 0.8, 'territorial unity': 0.8, 'unlawful presence': 0.6,
    },
    suppress: [
      'sovereign debt', 'sovereign wealth', 'sovereign bond', 'sovereign bonds', 'sovereign immunity',
      'sovereign guarantee', 'sovereign guarantees', 'sovereign loan', 'sovereign loans', 'sovereign credit',
      'sovereign rating', 'energy independence', 'judicial independence', 'independence of the judiciary',
      'independence of judges', 'independence day', 'independence hall', 'financial independence',
      'border security', 'border crossing', 'border crossings', 'border patrol', 'borders of', 'without borders',
      'across borders', 'across the border', 'cross border', 'open borders', 'border wall', 'southern border',
      'central bank independence', 'media independence',
    ],
    gdelt: ['SOVEREIGNTY', 'TERRITORIAL_INTEGRITY'],
  },
  {
    id: 'armed-conflict',
    label: 'Armed conflict and peace',
    description: 'war, invasion, military aggression, ceasefire, peace process',
    phrases: {
      war: 0.5, wars: 0.5, warfare: 0.6, wartime: 0.5, invasion: 1, invaded: 0.8, invade: 0.7, invading: 0.8,
      'military aggression': 1, aggression: 0.6, ceasefire: 1, 'cease fire': 1, 'cessation of hostilities': 1,
      hostilities: 0.8, 'peace process': 1, 'peace talks': 1, 'peace agreement': 1, 'peace accord*': 1,
      'peace treaty': 1, 'peace negotiations': 1, 'peace deal': 1, armistice: 1, truce: 1, 'armed conflict': 1,
      conflict: 0.4, conflicts: 0.4, fighting: 0.35, troops: 0.4, bombing: 0.6, bombings: 0.6,
      bombardment: 0.8, airstrike: 1, airstrikes: 1, 'air strikes': 1, 'air strike': 1, shelling: 1,
      'missile strike*': 1, 'missile attack*': 1, 'rocket attack*': 0.8, 'military operation*': 0.6,       'combat operations': 0.8, insurgency: 0.8, insurgents: 0.8, militants: 0.5, rebels: 0.6, 'civil war': 1,
      'world war': 0.8, 'nuclear war': 0.8, battlefield: 0.7, battle: 0.3, 'front line*': 0.5, frontline: 0.4,
      'de escalat*': 0.6, deescalat: 0.6, escalation: 0.4, 'war torn': 1, 'peacebuilding': 0.8, peace: 0.3,
      'military action': 0.6, 'use of force': 0.5, 'armed forces': 0.3, occupation: 0.3, 'brutal war': 1,
      'unprovoked': 0.6, 'war of aggression': 1, 'military buildup': 0.6, 'military build up': 0.6,
      killed: 0.2, casualties: 0.5, 'civilian casualties': 1, hostage: 0.2, 'landmines': 0.6, 'landmine': 0.6,
      'unexploded ordnance': 0.6, 'demining': 0.5, 'coup': 0.4, 'military coup': 0.6, 'violence': 0.2,
      'war against': 0.6,
      // Fighting in plain words
      'dying on both sides': 0.6, 'round of shooting': 0.6, 'lasting settlement': 0.5,
      // Fighting in plain words (2)
      'lasting peace': 0.5, 'korean war': 0.6, munitions: 0.4, 'military assault': 0.8, 'assault on ukraine': 1,
      // Drones and forces in plain words
      'drones that': 0.3, 'russian forces': 0.4, 'crashed on': 0.3,
    },
    suppress: [
      'war on poverty', 'war on drugs', 'war on cancer', 'war against poverty', 'war on terror', 'trade war',
      'trade wars', 'price war', 'conflict of interest', 'conflicts of interest', 'conflict minerals',
      'fighting corruption', 'fighting poverty', 'fighting for', 'fighting the pandemic', 'fighting covid',
      'fighting climate', 'fighting against corruption', 'fighting hunger', 'fighting crime', 'fighting fires',
      'combat corruption', 'combat trafficking', 'combat human trafficking', 'combat climate',
      'combatting', 'combating', 'combat the', 'gender based violence', 'domestic violence', 'sexual violence',
      'violence against women', 'gun violence', 'political violence', 'war crimes', 'war criminals', 'war crime',
      'peace corps', 'peace of mind', 'peace prize', 'world peace prize', 'battle against', 'battle with',
      'battle for', 'battle of ideas', 'uphill battle', 'killed two birds', 'violence against',
    ],
    gdelt: ['ARMEDCONFLICT', 'MILITARY', 'PEACEKEEPING', 'CEASEFIRE'],
  },
  {
    id: 'press-freedom',
    label: 'Press freedom and expression',
    description: 'freedom of expression, independent media, journalists jailed or threatened, censorship, internet shutdowns',
    phrases: {
      'press freedom': 1, 'freedom of the press': 1, 'free press': 1, 'freedom of expression': 1,
      'freedoms of expression': 1, 'free expression': 1, 'free speech': 1, 'freedom of speech': 1,
      'independent media': 1, 'media freedom': 1, 'free media': 1, 'independent journalism': 1,
      'independent journalists': 1, 'independent reporter*': 1, 'independent outlet*': 1, 'reporting the news': 0.5, 'journalism is not a crime': 1, 'reporting is not a crime': 1, 'report freely': 1, 'report without fear': 1, 'freedom to report': 1,
      'community journalists': 0.8, 'community radio': 0.5, 'freelance reporter*': 0.5, 'freelance journalist*': 0.6,
      'local reporters': 0.4, 'intimidation of journalists': 1, 'harassment of journalists': 1, 'attacks on journalists': 1,
      'threats against journalists': 1, 'lawsuits designed to silence': 1, 'strategic lawsuits': 1, 'blocked websites': 0.8,
      journalists: 0.5, journalist: 0.5, journalism: 0.5, censorship: 1, censor: 0.7,
      censored: 0.8, censoring: 0.8, 'internet shutdown*': 1, 'internet freedom': 1, 'online freedom': 1,
      'freedom of information': 0.8, 'access to information': 0.5, bloggers: 0.5, blogger: 0.5, 'media outlets': 0.4,
      'news outlets': 0.4, 'independent news': 0.8, 'jailed journalist*': 1, 'detained journalist*': 1,
      'journalists detained': 1, 'journalists jailed': 1, 'safety of journalists': 1, expression: 0.3,
      'foreign agent law*': 0.7, 'media': 0.1, 'disinformation': 0.2, 'propaganda': 0.2, 'reporters': 0.1,
      // Silenced media in plain words
      'radio stations': 0.3, 'radio station': 0.3, 'off the air': 0.7, 'mobile data': 0.4, 'internet access': 0.3, 'restore access': 0.3, newsroom: 0.4, newsrooms: 0.4, 'refused accreditation': 0.8, 'freedom of the media': 1,
      // Silenced media in plain words (2)
      'news site': 0.4, 'blocked inside the country': 0.6, 'held for their reporting': 1, 'jailed for their reporting': 0.8, 'free flow of information': 0.8, 'what they have published': 0.5, 'reporters and editors': 0.5,
      // Held for reporting
      'detained for their reporting': 1,
    },
    suppress: ['expression of', 'expressions of', 'expression to', 'facial expression'],
    gdelt: ['MEDIA_CENSORSHIP', 'FREESPEECH', 'MEDIA_MSM'],
  },
  {
    id: 'freedom-of-assembly',
    label: 'Freedom of assembly',
    description: 'peaceful assembly, protests, demonstrations',
    phrases: {
      'freedom of assembly': 1, 'peaceful assembly': 1, 'freedom of peaceful assembly': 1, 'right to assemble': 1,
      'peacefully assemble': 1, 'assemble peacefully': 1, 'freedom of association': 0.8, 'expression and assembly': 1,
      'assembly and association': 1, protest: 0.5, protests: 0.6, protesters: 0.8, protestors: 0.8, protesting: 0.5,
      protested: 0.4, demonstrators: 0.8, demonstration: 0.35, demonstrations: 0.5, 'peaceful protest*': 1,
      'peaceful demonstration*': 1, rallies: 0.3, marches: 0.2, 'riot police': 0.8, 'tear gas': 0.6,
      'crackdown on': 0.3, unrest: 0.3, 'sit in*': 0.2,
      'gathered peacefully': 1, 'gather peacefully': 1, 'peacefully gathered': 1, 'right to gather': 1,
      'peaceful demonstrators': 1, 'peaceful gatherings': 1, 'peaceful gathering': 1, 'freedom to come together': 1,
      // Marching and gathering in plain words
      'through the streets': 0.5, 'walked peacefully': 0.6, 'marched peacefully': 0.8, marched: 0.4, 'took to the streets': 1,
      // Gathering in plain words (2)
      placards: 0.5, 'handwritten signs': 0.6, 'public square': 0.3, picket: 0.5, pickets: 0.5, 'street gatherings': 0.8, 'hold rallies': 0.6, 'rallies peacefully': 1, 'ban on gatherings': 1, 'public gatherings': 0.5, 'come together in the street': 1, 'together in the streets': 0.6, 'night after night': 0.3,
      // Gathering in plain words (3)
      'gathered in the streets': 0.8, 'come together and voice': 0.8, 'voice their views': 0.4,
      // Crowds in plain words
      'peaceful crowds': 0.8, 'walked through the city': 0.5,
    },
    suppress: [
      'demonstration of', 'demonstrations of', 'demonstration project', 'demonstration projects', 'protest against the decision',
      'under protest', 'protest vote', 'formal protest', 'diplomatic protest', 'lodge a protest', 'lodged a protest',
    ],
    gdelt: ['PROTEST', 'FREEDOM_OF_ASSEMBLY'],
  },
  {
    id: 'political-prisoners',
    label: 'Political prisoners',
    description: 'political prisoners, arbitrary detention, calls to release detained activists',
    phrases: {
      'political prisoner*': 1, 'prisoner* of conscience': 1, 'arbitrary detention': 1, 'arbitrarily detained': 1,
      'arbitrary arrest*': 1, 'arbitrarily arrested': 1, 'wrongfully detained': 1, 'wrongful detention': 1,
      'unjustly detained': 1, 'unjustly imprisoned': 1, 'unjust detention': 1, 'unjustly jailed': 1,
      'politically motivated': 0.8, 'release all those': 0.6, 'release political': 1, 'detained activists': 1,
      'jailed activists': 1, 'imprisoned activists': 1, dissidents: 0.5, dissident: 0.5, detained: 0.2,
      detention: 0.2, imprisoned: 0.3, imprisonment: 0.3, jailed: 0.3, 'unconditionally release': 0.7,
      'immediately release': 0.6, 'immediate release': 0.6, 'release of all': 0.4, 'hostage diplomacy': 1,
      'sentenced to': 0.2, 'wrongfully imprisoned': 1, 'unjustly sentenced': 1, 'prisoners': 0.2,
      'in prison': 0.4, 'behind bars': 0.5, 'detained solely': 1,
      // "held for five months without charge", "no one should be locked up for what they believe".
      'without charge': 0.8, 'held without charge': 1, 'detained without charge': 1, 'locked up': 0.5, 'what they believe': 0.6,
      'should be released': 0.5, 'must be released': 0.5,
      'detention as arbitrary': 1, 'political views': 0.5, 'detention is arbitrary': 1, 'without any charge': 0.8,
      // Held for what they said, in plain words
      'pre trial detention': 0.4, 'pretrial detention': 0.4, 'let them go home': 0.5, 'let him go home': 0.5, 'let her go home': 0.5, 'overturn these convictions': 0.6, 'overturn the convictions': 0.6, 'prison term': 0.3, 'prison terms': 0.3, 'jailed for their opinions': 0.6, freed: 0.4, 'brought before a judge': 0.5, 'taken into custody': 0.3, 'held only for': 0.5,
      // Held for what they did, in plain words (2)
      'without charges': 0.8, 'political work': 0.6,
      // Held for what they said, in plain words (3)
      'peaceful activism': 0.8, 'called for their release': 0.6, jails: 0.4, 'prisoner release*': 0.8, 'something they said': 0.6, 'something they posted': 0.6, 'what they posted': 0.8,
      // Held without charge, in plain words
      'without being charged': 0.8, 'brought before a magistrate': 0.5, 'opposition organisers': 0.4, 'opposition organizers': 0.4,
      // Held for what they did, in plain words (4)
      'pretrial custody': 0.5, 'pre trial custody': 0.5, 'peaceful activity': 0.6, 'because of their views': 0.8, 'penal colony': 0.5, 'penal colonies': 0.5,
      // Held for opinions
      'held for their opinions': 0.8,
    },
    suppress: ['prisoners of war', 'prisoner of war', 'detention center for migrants'],
    gdelt: ['ARREST', 'POLITICAL_PRISONER'],
  },
  {
    id: 'rule-of-law',
    label: 'Rule of law',
    description: 'rule of law, independent judiciary, legal protections, accountability',
    phrases: {
      'rule of law': 1, 'independent judiciary': 1, 'judicial independence': 1, 'independence of the judiciary': 1,
      'legal protections': 1, 'legal protection': 0.8, 'due process': 1, 'fair trial*': 1, 'judicial reform*': 1,
      'justice system': 0.7, 'justice sector': 0.8, 'legal system': 0.6, 'legal reform*': 0.8, judiciary: 0.5,
      accountability: 0.5, accountable: 0.4, 'hold accountable': 0.6, 'held accountable': 0.6, impunity: 0.6,
      constitutional: 0.25, constitution: 0.25, courts: 0.25, court: 0.15, prosecution: 0.25, prosecute: 0.25,
      prosecuted: 0.25, 'equal justice': 0.7, 'equality before the law': 1, 'transparent judicial': 1,
      'legal framework': 0.4, 'judicial': 0.3, justice: 0.15, 'rules based': 0.2, lawful: 0.1,
      'to account': 0.6, 'brought to justice': 0.6, 'legal assistance': 0.5, tribunal: 0.4,
      'legal process': 0.5, 'legal standards': 0.5, 'lawyer of his choosing': 0.6, 'lawyer of her choosing': 0.6,
      'lawyer of their choosing': 0.6, 'access to a lawyer': 0.6, 'access to legal counsel': 0.8,
      'habeas corpus': 1, 'legal aid': 0.6, 'rule without fear': 0.6, 'pending cases': 0.3, 'supreme court': 0.3, 'independent prosecution': 0.8, 'prosecution service': 0.6, 'stand trial': 0.4,
      'without political pressure': 0.6, 'judicial appointments': 0.8, courtroom: 0.3, courtrooms: 0.3, judges: 0.2, prosecutors: 0.2, 'political interference': 0.6,
      // Courts and judges in plain words
      'access to justice': 0.8, 'equal access to justice': 1, 'impartial judge': 0.6, 'go to court': 0.3, 'judges and prosecutors': 0.7, 'without intimidation': 0.3, 'vetting of judges': 0.8,
      // Courts and lawyers in plain words (2)
      'tried behind closed doors': 0.8, absentia: 0.5, 'defense lawyers': 0.5, 'defence lawyers': 0.5, 'forced confessions': 0.8, confessions: 0.3, 'stripped of their licenses': 0.6, 'licence to practise law': 0.6, 'license to practice law': 0.6, 'law as it is written': 0.5,
      // Lawyers and judges in plain words (3)
      'lawyer of their own choosing': 0.8, 'lawyer of his own choosing': 0.8, 'lawyer of her own choosing': 0.8, 'instructions from above': 0.6, 'decide cases': 0.4,
    },
    suppress: [
      'department of justice', 'justice department', 'supreme court justice', 'chief justice', 'associate justice',
      'justice minister', 'minister of justice', 'international court of justice', 'criminal court',
    ],
    gdelt: ['RULE_OF_LAW', 'JUDICIARY'],
  },
  {
    id: 'anti-corruption',
    label: 'Anti-corruption',
    description: 'corruption, kleptocracy, transparency of public procurement',
    phrases: {
      corruption: 1, 'anti corruption': 1, corrupt: 0.8, kleptocracy: 1, kleptocrats: 1, kleptocratic: 1,
      kleptocrat: 1, bribery: 1, bribes: 0.8, bribe: 0.8, embezzlement: 1, embezzled: 1, 'money laundering': 1,
      'launder money': 1, 'laundering': 0.5, 'illicit finance': 0.8, 'illicit financial': 0.8, 'public procurement': 0.6,
      graft: 0.8, 'beneficial ownership': 0.8, 'stolen assets': 0.8, 'asset recovery': 0.6, transparency: 0.3,
      transparent: 0.15, 'good governance': 0.2, 'misuse of public funds': 1, 'abuse of office': 1, cronyism: 1,
      nepotism: 1, 'conflict of interest': 0.4, 'conflicts of interest': 0.4,
      // Public money in plain words: "the return of millions to the public purse" after "an audit".
      'public purse': 0.6, skimmed: 0.6, loot: 0.5, looted: 0.4, 'public funds': 0.4, 'shell companies': 0.6, 'shell company': 0.5, audit: 0.4, audits: 0.4, auditors: 0.3,
      // Kickbacks and siphoning in plain words
      kickbacks: 1, kickback: 0.8, 'public tenders': 0.6, 'steal from their own': 0.6, siphoned: 0.8, siphoning: 0.8, 'government contracts': 0.3, 'spent honestly': 0.5, 'vote buying': 0.6, 'bags of cash': 0.5,
      // Contracts and public money in plain words
      'without competition': 0.6, 'owned by relatives': 0.6, 'relatives of senior officials': 0.6, 'public money': 0.5,
      // Bought officials in plain words
      'checks of their assets': 0.6, 'asset declarations': 0.8, 'asks them for money': 0.6, 'asks for money': 0.5, 'lining their pockets': 1, 'enriched themselves': 0.8, 'illicit enrichment': 1,
    },
    suppress: ['data corruption', 'file corruption'],
    gdelt: ['CORRUPTION'],
  },
  {
    id: 'elections',
    label: 'Elections',
    description: 'elections, election monitoring, voting',
    phrases: {
      election: 1, elections: 1, electoral: 1, 'election monitoring': 1, 'elections monitoring': 1,
      'election observ*': 1, voters: 0.8, voter: 0.6, ballot: 0.8, ballots: 0.8, 'polling station*': 1,
      'polling place*': 1, referendum: 0.7, vote: 0.3, votes: 0.3, voting: 0.4, voted: 0.3, elected: 0.4, elect: 0.3,
      'free and fair': 1, candidates: 0.3, candidate: 0.3, polls: 0.3, 'electorate': 0.8, 'reelection': 1,
      'reelected': 0.6, 'runoff': 0.6, 'inauguration': 0.3, 'campaign trail': 0.8,
      // Counting votes in plain words
      'tally sheets': 1, 'polling table*': 0.6, 'presidential contest': 0.8, 'show the count': 0.5,
    },
    suppress: [
      'candidate country', 'candidate countries', 'candidate status', 'vote of confidence', 'vote of no confidence',
      'vote in the security council', 'vote on the resolution', 'voted for the resolution', 'voted against the resolution',
      'general assembly vote', 'security council vote', 'vote on resolution', 'vote on a resolution',
      'vote on the', 'vote in the general assembly', 'voted in the general assembly',
    ],
    gdelt: ['ELECTION'],
  },
  {
    id: 'democratic-reform',
    label: 'Democracy and reform',
    description: 'democratic reform, democratic growth, governance reform agendas',
    phrases: {
      'democratic reform*': 1, 'democratic growth': 1, 'reform agenda': 0.7, democracy: 0.6, democracies: 0.6,
      democratic: 0.4, democratization: 1, democratisation: 1, 'political reform*': 1, 'governance reform*': 1,
      'good governance': 0.6, 'democratic institutions': 1, 'democratic values': 0.8, 'democratic process*': 0.8,
      'democratic transition': 1, 'transition to democracy': 1, 'return to democracy': 1, 'restore democracy': 1,
      'path to democracy': 1, 'path of democracy': 1, 'summit for democracy': 1, 'democratic backsliding': 1,
      backsliding: 0.6, authoritarian: 0.5, authoritarianism: 0.6, autocracy: 0.5, autocracies: 0.5, 'reforms': 0.3,
      reform: 0.2, 'constitutional reform*': 0.8, 'democratic governance': 1, 'inclusive governance': 0.7,
      'self government': 0.4, governance: 0.2, 'democratic society': 0.8, 'democratic principles': 0.8,
      'public administration reform': 1, 'civil service reform': 1, 'overhaul the civil service': 0.8, decentralization: 0.8,
      decentralisation: 0.8, 'local self government': 0.8, 'reform programme': 0.5, 'reform program': 0.5,
      // Constitutions and checks in plain words
      'constitutional review': 0.6, 'review of the constitution': 0.6, 'separation of powers': 0.8, 'respective powers': 0.5, 'broad consultation': 0.3, 'drafting committee': 0.3, 'inclusive political process': 0.6,
    },
    suppress: [
      'office for democratic institutions',
      'democratic party', 'democratic republic', 'democratic people', 'democratic national', 'democratic leader',
      'democratic leaders in congress', 'democratic leadership', 'democratic senator', 'democratic senators',
      'democratic congress', 'democratic congressman', 'democratic members', 'democratic side', 'democratic candidate',
      'democratic nominee', 'democratic primary', 'democratic governor', 'democratic governors', 'democratic majority',
      'social democratic', 'christian democratic', 'democratic caucus', 'lao people s democratic', 'democratic platform',
      'democratic administration', 'democratic administrations', 'democratic convention', 'democratic presidents',
      'democratic president', 'democratic and republican', 'health reform', 'tax reform', 'welfare reform',
      'immigration reform', 'reform of the united nations', 'un reform', 'security council reform',
    ],
    gdelt: ['DEMOCRACY', 'GOV_REFORM'],
  },
  {
    id: 'civil-society',
    label: 'Civil society',
    description: 'civil society, NGOs, activists, human rights defenders',
    phrases: {
      'civil society': 1, ngo: 0.8, ngos: 0.8, 'non governmental organization*': 1, 'nongovernmental organization*': 1,
      'non governmental organisation*': 1, 'human rights defenders': 1, 'human rights defender': 1,
      'rights defenders': 1, activists: 1, activist: 0.7, 'pro democracy': 0.5, 'civic space': 1, 'civic groups': 0.8,
      'civic organizations': 1, 'community organizations': 0.5, 'independent advocates': 0.5, 'faith groups': 0.3, 'speak out freely': 0.3, advocates: 0.25, 'advocacy groups': 0.8,
      'grassroots': 0.3, nonprofit: 0.4, nonprofits: 0.5, 'non profit': 0.4, 'civic': 0.25, 'volunteers': 0.2,
      'faith based organizations': 0.6, 'foreign agent*': 0.3, 'independent voices': 0.5,
      // Associations in plain words
      'independent organisations': 0.6, 'independent organizations': 0.6, associations: 0.3, 'founded an association': 0.6, watchdogs: 0.5, 'local watchdogs': 0.6,
      // Organisers and associations in plain words
      'community organizers': 0.6, 'community organisers': 0.6, 'citizen group*': 0.6, 'citizens groups': 0.6, 'local associations': 0.6, 'youth leaders': 0.3, 'volunteer groups': 0.6, charities: 0.4, 'neighborhood associations': 0.6, 'neighbourhood associations': 0.6, 'forcibly dissolved': 0.6,
      // Clinics and paralegals
      'legal clinic': 0.6, paralegals: 0.4,
    },
    suppress: ['civic duty', 'civic center'],
    gdelt: ['CIVIL_SOCIETY', 'NGO'],
  },
  {
    id: 'trafficking-in-persons',
    label: 'Trafficking in persons',
    description: 'human trafficking, forced labor, debt bondage, the TIP report and its heroes',
    phrases: {
      'human trafficking': 1, 'trafficking in persons': 1, 'trafficking in human beings': 1, trafficking: 0.5,
      traffickers: 0.5, trafficked: 0.6, 'forced labor': 1, 'forced labour': 1, 'debt bondage': 1,
      'modern slavery': 1, 'modern day slavery': 1, 'sex trafficking': 1, 'labor trafficking': 1, 'tip report': 1,
      'tip hero*': 1, 'trafficking victims': 1, 'victims of trafficking': 1, 'child labor': 0.8, 'child labour': 0.8,
      'child soldiers': 0.6, 'forced marriage': 0.6, 'forced prostitution': 1, 'anti trafficking': 1,
      'sexual exploitation': 0.6, slavery: 0.3,
      // Scam compounds and labour exploitation: "lured by fake job offers", "forced to work".
      'forced to work': 0.8, 'scam compounds': 0.8, 'scam centres': 0.8, 'scam centers': 0.8, 'scam centre': 0.6,
      'scam center': 0.6, 'passports were confiscated': 0.6, 'confiscated their passports': 0.6, 'fake job offers': 0.6,
      // In plain words: "people being bought and sold".
      'being bought and sold': 1, 'bought and sold': 0.5, 'held against their will': 0.5, 'false recruiters': 0.6,
      // Passports held and people sold on: "his passport was locked in the captain's cabin".
      'passport was taken': 0.6, 'passports were taken': 0.6, 'passport was locked': 0.6, 'passports were kept': 0.6,
      'passport was kept': 0.6, 'took their passports': 0.6, 'kept their passports': 0.6, 'sold them to': 0.5,
      'recruitment fees': 0.6,
      // Lured and held, in plain words
      'lured by false': 0.6, 'false offers': 0.5, 'passports taken': 0.6, 'passports confiscated': 0.6, 'pay off debts': 0.5, 'settle debts': 0.5, 'work without pay': 0.8, 'without pay': 0.4, 'promises of well paid': 0.5, 'under threat of violence': 0.3,
      // Lured and held, in plain words (2)
      'passports are taken': 0.6, 'passport is taken': 0.6, 'passports were seized': 0.6, 'seized their passports': 0.6, 'against their will': 0.5, 'made to work': 0.6, 'lured by': 0.4, 'recruiting agents': 0.3, 'recruitment agencies': 0.3, recruiters: 0.3, 'worked off a debt': 0.8, 'work off a debt': 0.8, 'debt that keeps growing': 0.5, 'job they were promised': 0.5, 'pick cotton': 0.5, 'cotton harvest': 0.4, 'unpaid work': 0.4, 'promised them work abroad': 0.6, 'work abroad': 0.3, 'online fraud*': 0.3, 'cyber fraud': 0.3,
      // Sold and held at sea in plain words
      'sold from one': 0.6, 'kept at sea': 0.6, 'wages they never saw': 0.6, 'owed a debt': 0.6, 'promised a job': 0.5,
    },
    suppress: [
      'drug trafficking', 'narcotics trafficking', 'arms trafficking', 'weapons trafficking', 'wildlife trafficking',
      'fentanyl trafficking', 'firearms trafficking', 'gun trafficking', 'cocaine trafficking', 'heroin trafficking',
      'drug traffickers', 'narcotics traffickers', 'arms traffickers', 'weapons traffickers', 'wildlife traffickers',
      'trafficking of drugs', 'trafficking in drugs', 'trafficking of weapons', 'trafficking in arms',
      'trafficking in narcotics', 'drug trafficked', 'illicit trafficking', 'cultural property trafficking',
      'antiquities trafficking', 'trafficking of wildlife', 'nuclear trafficking', 'trafficking organizations',
    ],
    gdelt: ['HUMAN_TRAFFICKING', 'FORCED_LABOR'],
  },
  {
    id: 'disability-rights',
    label: 'Disability rights',
    description: 'persons with disabilities, disability inclusion, Paralympic sport',
    phrases: {
      disability: 1, disabilities: 1, disabled: 0.8, paralympic: 1, paralympics: 1, paralympian: 1, paralympians: 1,
      'special olympics': 1, 'persons with disabilities': 1, 'people with disabilities': 1, accessibility: 0.5,
      accessible: 0.15, deaf: 0.5, wheelchair: 0.6, wheelchairs: 0.6, handicapped: 0.8, 'sign language': 0.6,
      'blind': 0.25, 'visually impaired': 0.6, 'disability inclusion': 1,
      // Impairment in plain words
      'low vision': 0.8, 'para games': 1, 'para athletes': 1, 'para sport*': 1, 'physical impairment*': 1, impairment: 0.6, impairments: 0.6,
    },
    suppress: [
      'disability insurance', 'disability benefits', 'disability payments', 'disability pension', 'disability pay',
      'disabled the', 'disabled a', 'disabled their', 'disabled its', 'blind spot', 'blind eye', 'turn a blind',
    ],
    gdelt: ['DISABILITY'],
  },
  {
    id: 'lgbtqi-rights',
    label: 'LGBTQI+ rights',
    description: 'LGBTQI+ persons and their rights',
    phrases: {
      lgbtqi: 1, lgbtqia: 1, lgbtq: 1, lgbt: 1, lgbti: 1, glbt: 1, gay: 0.8, gays: 0.8, lesbian: 1, lesbians: 1,
      transgender: 1, bisexual: 1, intersex: 1, 'sexual orientation': 1, 'gender identity': 1, 'same sex': 0.8,
      homophobia: 1, homophobic: 1, transphobia: 1, transphobic: 1, queer: 0.8, 'sexual minorities': 1,
      'pride month': 0.8, 'sogi': 1,
      // Whom people love
      'who they love': 1, 'whom they love': 1, 'who you love': 0.8, 'who we love': 0.8, 'pride march*': 1, 'pride parade*': 1, 'rainbow flag*': 0.8, 'non traditional relationships': 1,
    },
    suppress: [],
    gdelt: ['LGBT'],
  },
  {
    id: 'religious-freedom',
    label: 'Religious freedom',
    description: 'freedom of religion or belief, religious persecution, interfaith work',
    phrases: {
      'religious freedom': 1, 'freedom of religion': 1, 'religious liberty': 1, 'freedom of worship': 1,
      'freedom of belief': 1, 'religious persecution': 1, interfaith: 1, multifaith: 1, 'multi faith': 1,
      'inter religious': 1, interreligious: 1, 'religious minorities': 1, 'religious minority': 1,
      'religious leaders': 0.7, 'religious communities': 0.8, 'religious groups': 0.7, 'religious tolerance': 1,
      religious: 0.35, religion: 0.5, religions: 0.5, faiths: 0.4, worship: 0.3, antisemitism: 1, 'anti semitism': 1,
      'anti semitic': 1, antisemitic: 1, islamophobia: 1, blasphemy: 1, 'places of worship': 0.8, mosques: 0.4,
      churches: 0.4, synagogues: 0.5, muslims: 0.4, christians: 0.4, jews: 0.4, 'jehovah s witnesses': 1,
      baha: 0.6, 'falun gong': 1, 'believers': 0.3,
      // Faith in plain words: "a council of imams, priests and a rabbi", "to pray as they choose".
      mosque: 0.3, church: 0.2, synagogue: 0.3, chapel: 0.2, worshipped: 0.2, imams: 0.3, priests: 0.2, rabbi: 0.3,
      'right to pray': 0.5, 'pray as they': 0.6, congregations: 0.3, 'gather to pray': 0.6,
    },
    suppress: [],
    gdelt: ['RELIGION', 'RELIGIOUS_FREEDOM', 'PERSECUTION'],
  },
  {
    id: 'refugees-and-migration',
    label: 'Refugees and migration',
    description: 'refugees, displaced people, migrants, asylum, resettlement',
    phrases: {
      refugee: 1, refugees: 1, asylum: 1, 'asylum seekers': 1, migrants: 1, migrant: 0.8, migration: 0.8,
      displaced: 0.8, displacement: 0.8, 'internally displaced': 1, idps: 1, idp: 0.8, resettlement: 0.8,
      resettle: 0.6, resettled: 0.6, immigration: 0.7, immigrants: 0.8, immigrant: 0.6, emigration: 0.6,
      deportation: 0.6, deportations: 0.6, deported: 0.5, 'unaccompanied children': 0.6, stateless: 0.8,
      statelessness: 1, 'special immigrant visa*': 1, evacuees: 0.5, fled: 0.25, fleeing: 0.35, 'flee': 0.25,
      'irregular migration': 1, 'humanitarian parole': 1, 'forcibly displaced': 1,
      'return in safety': 0.6, 'safe return': 0.6, 'dignified return': 0.6,
      // In plain words: "families forced from their homes", "Venezuelans who left their country".
      'forced from their homes': 1, 'driven from their homes': 1, 'displaced from their homes': 1, 'forced to leave their homes': 1, 'leave their homes': 1, 'host families': 0.5, 'left their country': 0.6,
      'left their countries': 0.6, 'newly arrived': 0.4, 'host countries': 0.4, 'host communities': 0.4,
      // People arriving or taken in, in plain words
      'coming across': 0.4, 'crossing the border': 0.5, 'crossed the border': 0.5, 'crossed into': 0.4, 'arrive on foot': 0.6, 'arrived on foot': 0.6, 'arriving on foot': 0.6, 'reception post': 0.5, 'reception centre*': 0.5, 'reception center*': 0.5, shelters: 0.3, 'new arrivals': 0.6, 'taken them in': 0.5, 'escaped to': 0.3, 'fleeing the bombing': 0.8, 'fleeing the fighting': 0.8, 'fleeing the war': 0.8,
      // People arriving or taken in, in plain words (2)
      'keeping the border open': 0.4, 'border open': 0.3, 'sleeping in the open': 0.4, 'arrived with nothing': 0.4, 'rebuild their lives': 0.4, 'leave their home': 0.8, 'left their homes': 0.8, 'left their home': 0.6, unhcr: 0.6, 'permanent housing': 0.3,
      // Crossings and camps in plain words
      'fled their homes': 0.8, 'living in tents': 0.5, 'return home in safety': 0.6, 'overloaded boats': 0.6, 'dangers of the crossing': 0.6, 'atlantic route': 0.6, pirogues: 0.4,
      // Arriving with nothing, in plain words
      'fled across': 0.6, 'return to their homes': 0.6, 'path to citizenship': 0.4, 'families who fled': 0.6, 'clothes they were wearing': 0.5, 'without papers': 0.5, 'arrived with little': 0.4,
    },
    suppress: ['data migration'],
    gdelt: ['REFUGEES', 'IMMIGRATION', 'DISPLACED'],
  },
  {
    id: 'genocide-and-atrocities',
    label: 'Genocide and atrocities',
    description: 'genocide, crimes against humanity, war crimes, ethnic cleansing',
    phrases: {
      genocide: 1, genocidal: 1, 'crimes against humanity': 1, 'war crimes': 1, 'war crime': 1, 'war criminal*': 1,
      'ethnic cleansing': 1, atrocities: 1, atrocity: 1, 'mass killing*': 1, massacre: 0.8, massacres: 0.8,
      massacred: 0.8, holocaust: 0.8, 'mass graves': 1, 'mass grave': 1, 'summary executions': 1, extermination: 0.8,
      'atrocity prevention': 1, 'filtration': 0.4, 'forced deportation*': 0.6,
      // Killing for who people are, in plain words
      'because of the tribe': 0.7, 'because of their tribe': 0.7, 'because of their ethnicity': 0.8, 'because of their ethnic': 0.8, 'hunted down': 0.4, 'darkest chapters': 0.3,
      // Crimes against civilians in plain words
      'deportation of children': 1, 'children taken from their families': 0.8, 'forcible transfer': 0.8, 'deported children': 0.8, 'carried off to': 0.4, 'tortured and killed': 0.6, 'civilians shot': 0.6, 'crimes committed': 0.4,
    },
    suppress: ['nuclear holocaust'],
    gdelt: ['GENOCIDE', 'CRIMES_AGAINST_HUMANITY', 'WAR_CRIMES'],
  },
  {
    id: 'gender-equality',
    label: 'Women and gender equality',
    description: 'women’s economic empowerment, rights of women and girls, gender-based violence',
    phrases: {
      'gender equality': 1, 'gender equity': 1, 'gender based violence': 1, 'women and girls': 1, 'women s rights': 1,
      'rights of women': 1, 'women s empowerment': 1, 'empowerment of women': 1, 'empowering women': 1,
      'empower women': 1, 'women s economic': 1, 'economic empowerment': 0.6, women: 0.4, woman: 0.2, girls: 0.3,
      gender: 0.5, 'gender gap': 1, feminist: 0.8, feminism: 0.8, 'domestic violence': 0.8, 'sexual violence': 0.8,
      'sexual and gender': 1, 'equal pay': 0.8, 'women leaders': 0.7, 'women entrepreneurs': 1,
      'women peace and security': 1, femicide: 1, 'child marriage': 0.8, 'sexual harassment': 0.6,
      'violence against women': 1, 'maternal': 0.3, 'female': 0.2, 'sexism': 1, 'girls education': 1,
      'education for girls': 1, 'women of courage': 1, 'women s participation': 1, 'women in leadership': 1, 'women in': 0.2,
      'women led': 0.8, 'women owned': 0.8,
      'beaten by their husbands': 1, 'girls in school': 0.6, 'girls in secondary school': 0.8, 'girls football': 0.5, 'club for girls': 0.5,
      'women in tech*': 1, 'women engineers': 0.8, 'young women': 0.5,
      // Women's land and money in plain words
      'women farmers': 0.6, 'own bank accounts': 0.4, 'land in their own name': 0.5,
      // Women at the head of households and firms
      'headed by women': 0.6, 'run by women': 0.6, 'owned or run by women': 0.8, 'women headed': 0.6,
      // Women leading in plain words
      'women s groups': 0.5, 'led by women': 0.6, 'council of women': 0.5, 'women s organisations': 0.5, 'women s organizations': 0.5,
      // Women's own money and safety in plain words
      'credit in their own': 0.4, 'earn their own income': 0.5, 'income of their own': 0.4, 'women survivors': 0.4, 'husbands who beat': 0.8, 'escaping husbands': 0.6,
    },
    suppress: [
      'men and women', 'women and men', 'gender identity', 'men and women in uniform', 'ladies and gentlemen',
      'young men and women', 'brave men and women',
    ],
    gdelt: ['GENDER_VIOLENCE', 'WOMEN', 'GENDER_EQUALITY'],
  },
  {
    id: 'public-health',
    label: 'Public health',
    description: 'COVID-19 and other pandemics, vaccines, outbreaks, health security',
    phrases: {
      covid: 1, 'covid 19': 1, coronavirus: 1, pandemic: 1, pandemics: 1, vaccine: 1, vaccines: 1, vaccinated: 1,
      vaccination: 1, vaccinations: 1, vaccinate: 1, 'public health': 1, 'health security': 1, 'global health': 1,
      outbreak: 0.6, outbreaks: 0.6, epidemic: 0.8, epidemics: 0.8, ebola: 1, hiv: 1, 'hiv aids': 1, malaria: 1,
      tuberculosis: 1, polio: 1, cholera: 1, mpox: 1, monkeypox: 1, zika: 1, pepfar: 1, 'health care': 0.35,
      healthcare: 0.35, health: 0.25, disease: 0.4, diseases: 0.5, infectious: 0.6, 'medical supplies': 0.5,
      hospitals: 0.3, virus: 0.5, masks: 0.3, 'personal protective equipment': 0.8,
      'health systems': 0.8, 'health workers': 0.8, 'doses': 0.6, 'boosters': 0.6, 'medicine': 0.25,
      'medicines': 0.3, 'public health emergency': 1, 'omicron': 1, 'sars': 0.8, 'influenza': 0.8, 'flu': 0.4,
      // Diseases by name
      measles: 0.8, injections: 0.4, dengue: 0.8, marburg: 1,
    },
    suppress: [
      'outbreak of war', 'outbreak of hostilities', 'outbreak of violence', 'outbreak of fighting',
      'health of the economy', 'economic health', 'financial health', 'health of our democracy',
    ],
    gdelt: ['HEALTH_PANDEMIC', 'MEDICAL', 'HEALTH_VACCINATION'],
  },
  {
    id: 'climate-change',
    label: 'Climate change',
    description: 'climate change or crisis, emissions, clean energy transition, melting glaciers',
    phrases: {
      'climate change': 1, 'climate crisis': 1, 'climate': 0.6, 'global warming': 1, emissions: 0.7,
      'greenhouse gas*': 1, 'carbon': 0.4, 'carbon dioxide': 0.6, 'net zero': 0.8, decarbonization: 1,
      decarbonize: 1, decarbonise: 1, 'clean energy': 0.6, 'clean energy transition': 1, 'energy transition': 0.7,
      'paris agreement': 0.8, 'paris climate': 1, cop26: 1, cop27: 1, cop28: 1, unfccc: 1, 'melting glaciers': 1,
      glaciers: 0.6, 'sea level rise': 0.8, 'rising seas': 0.8, 'sea levels': 0.6, methane: 0.7,
      'climate finance': 1, 'climate ambition': 1, 'climate action': 1, 'climate adaptation': 1,
      'adaptation': 0.25, 'kyoto protocol': 1, 'fossil fuels': 0.4, 'low carbon': 0.6,
      // In plain words: "the droughts are getting longer as the planet warms".
      'high emitting': 0.8, 'heat the planet': 1, 'heating the planet': 1, 'changing climate': 1, 'adaptation finance': 0.8, 'rainy seasons': 0.3, 'changing weather': 0.6, 'weather patterns': 0.5,
      'planet warms': 1, 'warming planet': 1, 'planet is warming': 1, 'warming world': 0.8, 'rising temperatures': 0.8,
      // Heat in plain words
      'hotter and drier': 0.8, 'temperatures keep climbing': 0.8, 'temperatures climbing': 0.6, 'heat tolerant': 0.5, 'melting earlier': 0.6,
    },
    suppress: [
      'investment climate', 'business climate', 'political climate', 'economic climate', 'security climate',
      'climate of fear', 'climate of impunity', 'climate of trust', 'climate of confidence', 'climate of opinion',
      'climate of intimidation', 'climate of', 'international climate of',
    ],
    gdelt: ['ENV_CLIMATECHANGE'],
  },
  {
    id: 'energy',
    label: 'Energy',
    description: 'energy security, power plants, grids, oil and gas, renewables',
    phrases: {
      energy: 0.4, 'energy security': 1, 'energy sector': 1, 'energy supplies': 1, 'energy supply': 1,
      'energy prices': 1, 'energy independence': 1, 'energy cooperation': 1, 'energy infrastructure': 1,
      'energy resources': 1, 'energy markets': 1, 'energy market': 1, 'energy crisis': 1, 'energy policy': 1,
      'energy needs': 1, 'energy efficiency': 0.8, 'nuclear energy': 1, 'nuclear power': 0.5, 'nuclear power plant*': 1,
      'power plant*': 1, 'power station*': 1, 'power grid*': 1, 'electric grid*': 1, grid: 0.4, grids: 0.6,
      electricity: 0.8, oil: 0.6, 'natural gas': 1, gas: 0.35, lng: 1, 'liquefied natural gas': 1, pipeline: 0.5,
      pipelines: 0.6, renewable: 0.5, renewables: 0.8, solar: 0.5, 'wind power': 1, 'wind energy': 1,
      hydropower: 1, hydroelectric: 1, coal: 0.6, petroleum: 0.8, crude: 0.5, opec: 1, 'nord stream': 1,
      refinery: 0.6, refineries: 0.6, barrels: 0.6, gasoline: 0.8, 'fuel': 0.25, fuels: 0.3, 'energy transition': 0.6,
      'clean energy': 0.6, 'oil and gas': 1, 'power generation': 1, 'electric power': 0.8,
      'green hydrogen': 1, hydrogen: 0.5, 'biofuel*': 0.6,
      geothermal: 0.8, electrification: 0.8, 'power utilities': 0.8, 'power utility': 0.8, 'transmission line*': 0.6,
      'offshore wind': 1, 'wind farm*': 0.8, 'solar power': 0.8, 'solar panels': 0.8,
      // Power and heat in plain words
      dam: 0.3, dams: 0.3, 'hydroelectric dam*': 1, 'electricity prices': 1, 'price of electricity': 1, 'price of power': 0.6, 'lights on': 0.5, 'homes heated': 0.6, heating: 0.4, 'high voltage': 0.6, 'power line*': 0.6, 'draw power': 0.6, boilers: 0.3, 'energy bills': 1, 'power cuts': 0.8, blackouts: 0.6, 'gas storage': 1,
    },
    suppress: [
      'so much energy', 'hidden in barrels', 'wealth on coal and oil',
      'heating up', 'heated debate', 'heated debates', 'heated discussion*',
      'energy to', 'youthful energy', 'energy of', 'energy and enthusiasm', 'energy and commitment',
      'positive energy', 'new energy', 'great energy', 'energy and passion', 'energy and determination',
      'boundless energy', 'energy and drive', 'energy and talent',
      'energy and ideas', 'energy and creativity', 'energy and dedication', 'energy and vision', 'energy you',
      'tremendous energy', 'incredible energy', 'energy in the room', 'energy that you', 'tear gas', 'gas attack*',
      'nerve gas', 'poison gas', 'chemical gas', 'gas chambers', 'greenhouse gas', 'greenhouse gases',
      'pipeline of', 'talent pipeline', 'oil painting', 'olive oil', 'fuel the', 'fuels the',
      'fuel conflict', 'fuel tensions', 'fuel instability', 'fuel violence', 'add fuel', 'adding fuel',       'nuclear powers', 'atomic energy agency', 'department of energy', 'energy department', 'off the grid',
      'grid of', 'climate and energy', 'energy minister', 'hydrogen bomb', 'hydrogen bombs'],
    gdelt: ['ENV_OIL', 'ENV_NATURALGAS', 'ENERGY', 'ENV_SOLAR', 'ENV_NUCLEARPOWER'],
  },
  {
    id: 'economy-and-trade',
    label: 'Economy and trade',
    description: 'trade, investment, economic prosperity and reform, supply chains, commercial dialogues',
    phrases: {
      trade: 0.6, trading: 0.4, 'free trade': 1, 'trade agreement*': 1, 'trade deal*': 1, 'bilateral trade': 1,
      'trade and investment': 1, 'trade relations': 1, 'trade ties': 1, economic: 0.35, economy: 0.6, economies: 0.6,
      economically: 0.3, investment: 0.6, investments: 0.6, investors: 0.7, investor: 0.5, invest: 0.35,
      exports: 0.7, imports: 0.7, exporters: 0.7, importers: 0.7, tariff: 1, tariffs: 1, 'supply chain*': 1,
      'economic prosperity': 1, 'economic growth': 1, 'economic reform*': 1, 'economic cooperation': 1,
      'economic ties': 1, 'economic partnership': 1, 'economic development': 0.8, 'economic recovery': 1,
      'economic opportunity': 0.8, 'economic opportunities': 0.8, commercial: 0.4, commerce: 0.6,
      'commercial dialogue': 1, businesses: 0.35, business: 0.2, 'private sector': 0.7, entrepreneurs: 0.5,
      entrepreneurship: 0.6, jobs: 0.3, unemployment: 0.5, inflation: 0.8, gdp: 1, markets: 0.35, market: 0.2,
      prosperity: 0.35, wto: 1, 'world trade organization': 1, 'market access': 1, 'foreign direct investment': 1,
      'trade and economic': 1, 'economic and commercial': 1, 'economic and trade': 1, 'connectivity': 0.3,
      'infrastructure': 0.3, 'manufacturing': 0.4, 'exporting': 0.5, 'importing': 0.4, 'finance': 0.2,
      'financial': 0.2, 'budget': 0.2, 'taxes': 0.3, 'wages': 0.4, 'recession': 0.8, 'prices': 0.3,
      overcapacity: 0.8, decouple: 0.6, decoupling: 0.6, 'fair competition': 0.6,
      // Buying and selling in plain words
      bazaars: 0.4, 'buy and sell': 0.5, 'movement of goods': 0.6, 'goods and people': 0.4, customs: 0.2, 'business delegation': 0.6, 'trade mission': 1, firms: 0.3, 'cross border trade': 1,
      // Companies in plain words
      'american companies': 0.4, companies: 0.2, chips: 0.3,
      // Goods and sellers in plain words
      cargo: 0.4, merchants: 0.4, 'small merchants': 0.5, buyers: 0.3, processors: 0.3, 'cold storage': 0.3, 'supermarket chains': 0.4, 'earn more': 0.3,
    },
    suppress: [
      'promises of good jobs', 'false promises of jobs',
      'trade unionists', 'trade unionist',
      'financial year', 'ambassador to the wto',
      'trade union', 'trade unions', 'trade off', 'trade offs', 'tricks of the trade', 'stock in trade',
      'trade places', 'world trade center', 'economic sanctions', 'economic pressure', 'economic coercion',
      'economic empowerment for', 'business as usual', 'unfinished business', 'none of your business',
      'business of', 'invest in our people', 'economic and social council', 'market economy status',
      'export control*', 'export controls', 'economic security', 'financial action task force', 'finance minister',
      'finance ministers', 'climate finance', 'illicit finance', 'terrorist financing', 'financial sanctions',
      'financial institutions', 'economic tools', 'economic measures', 'diplomatic and economic', 'prices of food', 'food prices', 'energy prices',
    ],
    gdelt: ['ECON_TRADE', 'ECON_FREETRADE', 'ECON_FOREIGNINVEST', 'ECON_DEVELOPMENTORGS'],
  },
  {
    id: 'humanitarian-aid',
    label: 'Humanitarian aid and food security',
    description: 'humanitarian assistance, food aid, food security',
    phrases: {
      'humanitarian assistance': 1, 'humanitarian aid': 1, humanitarian: 0.6, 'food security': 1, 'food insecurity': 1,
      'food insecure': 1, 'food aid': 1, 'food assistance': 1, famine: 1, hunger: 0.7, starvation: 0.8,
      malnutrition: 1, 'emergency assistance': 0.7, 'emergency aid': 0.8, 'disaster relief': 1, 'relief efforts': 0.8,
      'relief': 0.25, aid: 0.3, 'world food programme': 1, 'world food program': 1, wfp: 1, unhcr: 0.6, unicef: 0.4,
      'life saving assistance': 1, lifesaving: 0.6, 'life saving': 0.6, 'humanitarian crisis': 1,
      'humanitarian needs': 1, 'humanitarian access': 1, 'humanitarian corridor*': 1, 'humanitarian situation': 1,
      'humanitarian workers': 1, 'humanitarian partners': 1, 'food prices': 0.6, 'feed the future': 1, grain: 0.3,
      fertilizer: 0.3, fertilizers: 0.3, 'food': 0.15, 'shelter': 0.2, 'disaster': 0.25, 'earthquake': 0.4,
      'flood': 0.3, 'floods': 0.3, 'hurricane': 0.4, 'typhoon': 0.4, 'food crisis': 1, 'usaid': 0.3, 'emergency food': 0.8, 'relief goods': 1, 'relief supplies': 1, 'cash assistance': 0.8,
      'food rations': 1,
      // Feeding people and relief in plain words
      convoys: 0.4, convoy: 0.3, malnourished: 0.6, 'medical supplies': 0.4, 'go hungry': 0.4, 'going hungry': 0.4, 'without a meal': 0.5, 'lean season': 0.8, donors: 0.3, 'largest single donor': 0.8, 'food parcels': 0.6, 'shelter kits': 0.8, 'hygiene kits': 0.8, 'emergency shelter': 0.8, 'humanitarian appeal': 1, 'cut rations': 0.8, rations: 0.5,
      // Relief in plain words
      blankets: 0.4, 'drinking water': 0.3, 'running out of food': 0.6, 'field kitchens': 0.6, 'powdered milk': 0.4, medicines: 0.2, earthquakes: 0.4,
      // Winter relief in plain words
      'hay and fodder': 0.8, fodder: 0.5, 'emergency commission': 0.4,
    },
    suppress: [
      'international humanitarian law', 'humanitarian law', 'sanctions relief', 'tax relief', 'debt relief',
      'first aid', 'aid and abet', 'aiding and abetting', 'military aid', 'security aid', 'hearing aid',
      'comic relief', 'relief pitcher', 'humanitarian pause',
    ],
    gdelt: ['HUMANITARIAN', 'FOOD_SECURITY', 'CRISISLEX_C03_WELLBEING_HEALTH', 'UNGP_FOOD'],
  },
  {
    id: 'security-cooperation',
    label: 'Security cooperation',
    description: 'defense and security partnerships, counterterrorism, arms control',
    phrases: {
      'security cooperation': 1, 'defense cooperation': 1, 'defence cooperation': 1, counterterrorism: 1,
      'counter terrorism': 1, 'arms control': 1, nonproliferation: 1, 'non proliferation': 1, 'security partnership*': 1,
      'defense partnership*': 1, 'military cooperation': 1, 'security assistance': 1, 'military assistance': 1,
      'defense ties': 1, 'security ties': 1, 'military ties': 1, 'joint exercises': 1, 'military exercises': 0.8,
      'joint military': 0.6, nato: 0.5, alliance: 0.3, alliances: 0.35, allies: 0.25, terrorism: 0.7,
      terrorist: 0.6, terrorists: 0.6, isis: 0.45, isil: 0.45, 'al qaida': 0.8, 'al qaeda': 0.8, defense: 0.3,
      defence: 0.3, military: 0.2, security: 0.2, 'nuclear weapons': 0.7, 'weapons of mass destruction': 0.8,
      'missile defense': 0.8, 'arms sales': 0.8, 'foreign military financing': 1, 'foreign military sales': 1,
      interoperability: 0.6, 'maritime security': 1, cybersecurity: 0.6, 'cyber security': 0.6,
      'border security': 0.6, peacekeeping: 0.6, peacekeepers: 0.6, deterrence: 0.6, disarmament: 0.8,
      'regional security': 1, 'terrorist groups': 0.8, 'information sharing': 0.4, 'sharing of information': 0.4, 'terrorist financing': 1, 'terrorism financing': 1, 'violent extremist': 0.8,
      'violent extremists': 0.8, 'maritime domain awareness': 0.8, 'maritime law enforcement': 0.8,
      'coast guard': 0.4, 'combating terrorism': 1, 'combatting terrorism': 1, 'fight against terrorism': 1,
      'security dialogue': 1, 'strategic dialogue': 0.5, 'defense ministers': 0.8,
      'defense minister': 0.5, 'security forces': 0.4, 'law enforcement cooperation': 1, 'mutual defense': 1,
      'collective defense': 1, 'arms transfers': 0.8, 'arms transfer': 0.8, 'military training': 0.6,
      'defense trade': 0.8, 'arms race': 0.8, 'missiles': 0.4, 'treaty obligations': 0.3,
      'counterterrorism cooperation': 1, 'nuclear arms': 0.8, 'strategic arms': 1, 'arms limitation': 1,
      'limitation of strategic': 1, 'arms talks': 1, 'arms reduction': 1, 'arms control talks': 1, 'ballistic missile*': 0.5,
      'test ban': 0.8, 'nonproliferation treaty': 1, 'violent extremism': 0.8, 'extremism': 0.4, 'nuclear': 0.2,
      'security support mission': 1, 'multinational security': 1, 'security mission': 0.8, 'multinational force': 0.8,
      'stabilization mission': 0.8, 'stabilisation mission': 0.8, 'restore security': 0.6, 'security sector': 0.6,
      'joint operations': 0.8, 'security operations': 0.5, 'intelligence sharing': 1, 'share intelligence': 1,
      'sharing intelligence': 1, 'joint patrols': 0.8, 'coordinated patrols': 0.8,
      'air surveillance': 0.6, radars: 0.4, radar: 0.3, 'border police': 0.4,
      // Police and border cooperation
      'exchange of information': 0.4, 'liaison officer': 0.4, 'criminal groups': 0.3, 'criminal networks': 0.4, counternarcotics: 0.8, 'counter narcotics': 0.8, 'drug trafficking networks': 0.6, 'police cooperation': 0.8, 'border guards': 0.4, 'border management': 0.5,
    },
    suppress: [
      'social security', 'food security', 'energy security', 'health security', 'job security', 'water security',
      'economic security', 'human security', 'security council', 'financial security', 'income security',
      'defense of', 'defence of', 'self defense', 'defense of democracy', 'defense of freedom',
      'nuclear power', 'nuclear energy', 'nuclear family',
    ],
    gdelt: ['MILITARY_COOPERATION', 'TERROR', 'ARMS_CONTROL', 'SECURITY_SERVICES'],
  },
  {
    id: 'people-to-people',
    label: 'People-to-people ties',
    description: 'exchange programs and their alumni, sports and cultural diplomacy',
    phrases: {
      'people to people': 1, 'exchange program*': 1, 'exchange programme*': 1, 'educational exchange*': 1,
      'cultural exchange*': 1, 'academic exchange*': 1, 'student exchange*': 1, 'youth exchange*': 1, exchanges: 0.4,
      alumni: 0.8, fulbright: 1, students: 0.35, student: 0.25, scholarship: 0.5, scholarships: 0.6,
      'sports diplomacy': 1, 'cultural diplomacy': 1, 'public diplomacy': 0.6, 'cultural ties': 1, 'educational ties': 1,
      'cultural heritage': 0.6, 'peace corps': 1, youth: 0.3, 'young leaders': 0.8, yseali: 1, ivlp: 1,
      'international visitor leadership program': 1, 'working holiday': 1, 'youth mobility': 1, 'study abroad': 1, 'study in the united states': 1,
      'english language': 0.5, tourism: 0.4, tourists: 0.3, diaspora: 0.4, educational: 0.3, universities: 0.3,
      cultural: 0.3, culture: 0.2, sports: 0.35, athletes: 0.35, olympic: 0.4, olympics: 0.4, 'artists': 0.3,
      'ties between our peoples': 1, 'ties between our people': 1, 'bonds between our peoples': 1,
      'friendship between our peoples': 1, 'between our two peoples': 0.8, 'people to people ties': 1,
      'education': 0.2, 'scholars': 0.3, festival: 0.3, festivals: 0.3, 'cultural festival': 0.8, 'american spaces': 1, 'american corners': 1, 'visas for students': 0.6,
      'university exchange*': 1, fellowship: 0.5, fellowships: 0.5,
      // Exchanges and study in plain words
      'american corner': 1, 'american space': 1, 'studied in the united states': 0.8, 'teachers of english': 0.6, 'english teachers': 0.6, 'university partnership*': 0.8, 'government funded programs': 0.4,
      // Exchanges in plain words (2)
      'young professionals': 0.4, 'language programmes': 0.5, 'language programs': 0.5, 'working and travelling': 0.6, 'working and traveling': 0.6, researchers: 0.2, jazz: 0.3, 'jazz band': 0.4, 'jazz ambassador*': 1, 'music diplomacy': 1, 'master classes': 0.4, musicians: 0.3, 'concert halls': 0.3, 'tour the world': 0.3,
    },
    suppress: ['exchange rate', 'exchange rates', 'exchanges of fire', 'stock exchange', 'stock exchanges',
      'prisoner exchange', 'prisoner exchanges', 'exchanges of views', 'information exchanges', 'exchanges of information',
      'culture of impunity', 'culture of corruption'],
    gdelt: ['EDUCATION', 'CULTURE', 'SPORTS'],
  },
  {
    id: 'environment',
    label: 'Environment and water',
    description: 'water security, pollution, biodiversity, the Aral Sea',
    phrases: {
      'water security': 1, pollution: 1, polluted: 0.8, pollutants: 0.8, biodiversity: 1, 'aral sea': 1,
      environmental: 0.6, environment: 0.5, conservation: 0.6, wildlife: 0.7, deforestation: 1, forests: 0.5,
      'forest': 0.3, oceans: 0.5, ocean: 0.3, marine: 0.4, plastic: 0.5, plastics: 0.6, 'plastic pollution': 1,
      'drinking water': 0.6, 'clean water': 0.6, 'water resources': 1, 'water management': 1, 'transboundary water*': 1,
      'water scarcity': 1, 'water supply': 0.6, water: 0.15, rivers: 0.3, fisheries: 0.5, 'illegal fishing': 0.8,
      'iuu fishing': 1, toxic: 0.3, contamination: 0.4, contaminated: 0.4, ecosystem: 0.6, ecosystems: 0.6,
      'endangered species': 1, desertification: 1, drought: 0.5, droughts: 0.5, 'natural resources': 0.4,
      wildfire: 0.4, wildfires: 0.4, 'clean air': 0.8, 'air quality': 1, 'environmental protection': 1,
      'protect the environment': 1, 'wildlife trafficking': 1, 'illegal logging': 1, 'marine protected': 1,
      'ocean conservation': 1, 'climate and environment': 0.5, 'national parks': 0.6, 'nature': 0.1, 'land degradation': 1, 'recycling': 0.6,
      mangrove: 0.6, mangroves: 0.6, peatland: 0.6, peatlands: 0.6,
      // Water and land in plain words: "rivers carry more sewage and agricultural runoff", "protecting watersheds".
      sewage: 0.6, runoff: 0.4, 'agricultural runoff': 1, watershed: 0.5, watersheds: 0.6,
      // Pollution and rivers in plain words
      mercury: 0.6, 'illegal mining': 0.5, 'illegal gold mining': 0.8, 'water quality': 0.8, 'quality of river water': 1, 'fish stocks': 0.6, dumped: 0.2, sediment: 0.3, tributaries: 0.4, riverside: 0.2,
      // Rivers and lakes in plain words
      'river basin*': 0.6, 'water boards': 0.5, 'lake level': 0.5, irrigation: 0.3,
      // Seas drying and dust in plain words
      'drying of the': 0.5, 'exposed seabed': 0.8, seabed: 0.3, contaminate: 0.4, 'river flows': 0.5, 'dust storms': 0.6,
      // Smoke, coal and wildlife in plain words
      smoke: 0.3, 'raw coal': 0.4, 'coal stoves': 0.5, 'snow leopard*': 0.6, antelope: 0.3, wetlands: 0.5,
      // Smog in plain words
      smog: 0.6, 'springs and small lakes': 0.5, 'lakes have disappeared': 0.6,
    },
    suppress: [
      'carbon pollution', 'pollution that is heating', 'climate pollution',
      'watershed moment', 'watershed event', 'watershed year', 'watershed election',
      'security environment', 'business environment', 'environment for journalists', 'enabling environment',
      'investment environment', 'operating environment', 'threat environment', 'political environment',
      'environment for civil society', 'environment in which', 'safe environment', 'learning environment',
      'working environment', 'work environment', 'media environment', 'information environment',
      'economic environment', 'regulatory environment', 'strategic environment', 'environment for', 'environment where',
      'human nature', 'nature of', 'nature of the', 'environment that', 'international environment',
      'geopolitical environment', 'global environment', 'current environment', 'environment is',
      'environmental protection agency',
      // Offices and geography: "the Minister of Environment, Forest and Climate Change", "the Indian Ocean region".
      'minister of environment', 'minister of the environment', 'minister for environment', 'minister for the environment',
      'ministry of environment', 'ministry of the environment', 'environment minister', 'environment ministry',
      'indian ocean', 'pacific ocean', 'atlantic ocean', 'arctic ocean',
    ],
    gdelt: ['ENV_WATERWAYS', 'ENV_POLLUTION', 'ENV_BIODIVERSITY', 'WATER_SECURITY', 'ENV_FORESTS'],
  },
];
