/**
 * Word lists for recognising people and organisations: titles that precede a name, role nouns
 * that introduce one, words that end an organisation's name, given names that are also ordinary
 * English words, and capitalised words that are never names.
 */

/**
 * Head words of a title before a person's name ("Foreign Minister Tileuberdi", "Mr. Price").
 * Multi-word entries are matched as a whole before single words.
 */
export const TITLE_HEADS = `
President|Vice President|Prime Minister|Deputy Prime Minister|First Deputy Prime Minister|Premier|Vice Premier
Minister|Foreign Minister|Defense Minister|Defence Minister|Finance Minister|Interior Minister|Justice Minister
Economy Minister|Trade Minister|Energy Minister|Health Minister|Education Minister|Culture Minister|Deputy Minister
Deputy Foreign Minister|State Minister|Minister of State|Minister Delegate|Minister-Delegate|Foreign Secretary|Home Secretary|Cabinet Secretary|Prime Cabinet Secretary
Secretary|Secretary of State|Deputy Secretary|Deputy Secretary of State|Under Secretary|Undersecretary
Assistant Secretary|Acting Assistant Secretary|Principal Deputy Assistant Secretary|Deputy Assistant Secretary
Secretary-General|Secretary General|Deputy Secretary-General|Under-Secretary-General|Director-General|Director General
Ambassador|Ambassador-at-Large|Ambassador at Large|Charge d'Affaires|Chargé d'Affaires|Chargé d’Affaires|Charge d’Affaires
Special Envoy|Envoy|Special Representative|Special Advisor|Special Adviser|Senior Advisor|Senior Adviser|Advisor|Adviser
National Security Advisor|National Security Adviser|Special Coordinator|Coordinator|Counselor|Counsellor
Spokesperson|Deputy Spokesperson|Spokesman|Spokeswoman|Press Secretary|Principal Deputy Press Secretary
Senator|Sen.|Congressman|Congresswoman|Congressperson|Representative|Rep.|Speaker|Majority Leader|Minority Leader|Leader
Governor|Gov.|Lieutenant Governor|Mayor|Chancellor|Vice Chancellor|King|Queen|Prince|Princess|Crown Prince
Emir|Amir|Sheikh|Sultan|Pope|Patriarch|Cardinal|Archbishop|Bishop|Reverend|Rev.|Rabbi|Imam|Father
General|Gen.|Lieutenant General|Lt. Gen.|Major General|Maj. Gen.|Brigadier General|Admiral|Adm.|Vice Admiral
Rear Admiral|Colonel|Col.|Lieutenant Colonel|Lt. Col.|Major|Captain|Capt.|Commander|Sergeant|Chief of Staff
Chairman|Chairwoman|Chair|Chairperson|Vice Chairman|Ranking Member|Director|Deputy Director|Executive Director|Administrator
Deputy Administrator|Commissioner|High Commissioner|Attorney General|Surgeon General|Inspector General
Chief Justice|Justice|Judge|Prosecutor|Ombudsman|Professor|Prof.|Dr.|Dr|Mr.|Mr|Mrs.|Mrs|Ms.|Ms|Miss|Madam
Shri|Smt.|Smt|Shrimati|Hon.|Hon|Rt. Hon.|Rt Hon|Rt. Hon|Amb.|Amb|Eng.|Brig. Gen.|Brig.
His Majesty|Her Majesty|His Excellency|Her Excellency|His Highness|Her Highness|His Holiness|H.E.
President-elect|Vice President-elect|Governor-General|Consul General|Consul|Head of State
`;

/** Lower-case role nouns that introduce a name directly or after a comma ("mayor Verhoeven", "poet, Tagore"). */
export const ROLE_NOUNS = `
president vice-president minister mayor governor ambassador senator congressman congresswoman envoy spokesperson
spokesman spokeswoman secretary chairman chairwoman director chancellor premier king queen prince princess sheikh
emir general admiral colonel captain commander judge prosecutor professor poet writer author novelist playwright
philosopher historian scholar artist singer composer musician activist journalist reporter blogger dissident lawyer
attorney advocate leader founder co-founder colleague counterpart friend predecessor successor wife husband son
daughter mother father brother sister partner hero laureate athlete champion coach official diplomat negotiator
coordinator adviser advisor administrator commissioner deputy chief pastor priest rabbi imam bishop archbishop
patriarch cardinal economist scientist doctor physician nurse teacher student survivor victim defender
`;

/**
 * Words that end an organisation's name ("National Paralympic Training Center") or, with "of",
 * begin one ("Ministry of Foreign Affairs").
 */
export const ORGANIZATION_HEADS = `
Council Center Centre Foundation Institute Institution Ministry Department Agency Commission Committee Organization
Organisation Association Union Bank Fund Program Programme University College Academy School Party Court Tribunal
Parliament Assembly Senate Congress Office Bureau Service Network Alliance Coalition Society Corporation Company
Group Inc Ltd LLC Co Authority Administration Command Army Navy Secretariat Mission Embassy Consulate Initiative
Board Federation Confederation League Movement Front Trust Hospital Museum Library Laboratory Club Chamber Cabinet
Government Forum Caucus Fellowship Council Directorate Inspectorate Police Guard Forces Airlines Times Post Journal
News Television Radio Agency Church Mosque Synagogue Cathedral Monastery Fund Partnership Consortium
Observatory Project Reserve Treasury Secretariat Ministry Conference Convention Division Brigade Battalion
Regiment Corps Monitor Watch
`;

/** Words that begin an organisation's name when followed by "of", "for" or "on". */
export const ORGANIZATION_PREFIXES = `
Ministry Department Office Bureau Embassy Consulate Government Parliament University Council Commission Committee
Court Institute Academy Agency Association Federation Union Bank Chamber Secretariat Mission Board House
`;

/** Role words after which "of X" names an organisation ("Director of Blue Harbor"). */
export const ORGANIZATION_ROLES = `
Director director Head head Founder founder Co-founder co-founder Chair chair Chairman chairman Chairwoman chairwoman
President president CEO Coordinator coordinator Manager manager Executive executive Leader leader Member member
Members members staff Staff volunteers representatives Representative representative
`;

/** Given names that are also ordinary English words, so a following surname still reads as a person. */
export const GIVEN_NAMES = `
Mark Bill Will Grace Hope Faith Joy Rose Jack Frank Ray Dean Earl Guy Victor Rich Bob Rob Tom Don Jim Joe Pat
Sue Ann Carol Dawn Eve Ruby Pearl Violet Iris Holly Ivy Jade Amber Crystal Rock Glen Dale Gene Wade Chase Cliff
Drew Lane Miles Rusty Sandy Penny Bud Buck Ted Art Al Harry Jay Kay Grant Warren Norman Hunter Wolf Fox Bell
Nick Matt Jean Bonnie Lily Daisy Sunny Dusty Robin Jewel Angel Summer Autumn Ed Sean Tony Dan Ben Chuck Hank Ion Martin
Maria Flora Mercy Precious Blessing Patience Charity Gift Ken Ram Peter Lance Pierce Olive Hazel Heather Ginger
Rosemary Basil Sterling Reed Lee Mason Cooper Porter Archer Laurel Willow Cherry Candy Destiny Harmony Melody Trinity Serenity Said
`;

/** Capitalised words that never name a person: months, weekdays, pronouns, greetings, honorific filler, group adjectives, Spanish place articles. */
export const NOT_NAMES = `
January February March April May June July August September October November December Monday Tuesday Wednesday
Thursday Friday Saturday Sunday Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec I Q A An The Mr Mrs Ms Dr Thank
Thanks Yes No OK Okay God Lord Christmas Easter Ramadan Eid Iftar Hanukkah Passover Diwali Nowruz Independence
Day Year Today Tonight Tomorrow Yesterday Question Answer Moderator Operator Participant Staff Press Reporter
Applause Laughter Inaudible Crosstalk Cheers Ladies Gentlemen Excellencies Excellency Majesty Highness Holiness
Honorable Honourable Distinguished Dear Sir Madam Madame Senior Official Officials Spokesperson Secretary Minister
COVID Omicron Delta Internet Web Twitter Facebook Instagram YouTube TikTok Zoom Bible Koran Quran Torah Olympics
Paralympics Games War Act Treaty Agreement Accords Declaration Constitution Charter Report Strategy Plan Summit
Dialogue Conference Forum Award Prize Medal Hero Heroes Day Week Month Non Anti Pro Post Pre
Latino Hispanic Muslim Muslims Catholic Catholics Protestant Orthodox
Sunni Shia Shiite Hindu Buddhist Sikh Bosniak Bosniaks Kurdish Las Los Medicare Medicaid Yom Kippur Rosh Hashanah
`;
