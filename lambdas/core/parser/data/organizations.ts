/**
 * Organisation gazetteer: international and regional organisations, groupings and formats,
 * U.S. departments, agencies and offices. Each line is `Name|other name…`; the first is canonical.
 * Matching is case-sensitive, so acronyms such as `WHO` never match the word "who".
 */

/** International organisations, groupings and diplomatic formats. */
export const INTERNATIONAL_ORGANIZATIONS = `
United Nations|UN|U.N.
UN Security Council|U.N. Security Council|United Nations Security Council|Security Council|UNSC
UN General Assembly|U.N. General Assembly|United Nations General Assembly|General Assembly|UNGA
UN Human Rights Council|U.N. Human Rights Council|United Nations Human Rights Council|Human Rights Council|HRC
Office of the UN High Commissioner for Human Rights|OHCHR
UN High Commissioner for Refugees|UNHCR|UN Refugee Agency
UNICEF|United Nations Children's Fund
UN Development Programme|United Nations Development Programme|UNDP
World Food Programme|World Food Program|WFP
Food and Agriculture Organization|FAO
International Organization for Migration|IOM
UNESCO
UN Women
UNRWA
UN Secretariat
International Atomic Energy Agency|IAEA
International Criminal Court|ICC
International Court of Justice|ICJ
International Labour Organization|International Labor Organization|ILO
International Committee of the Red Cross|ICRC|Red Cross
World Health Organization|WHO
World Trade Organization|WTO
International Monetary Fund|IMF
World Bank|World Bank Group
Asian Development Bank|ADB
African Development Bank
European Bank for Reconstruction and Development|EBRD
Asian Infrastructure Investment Bank|AIIB
North Atlantic Treaty Organization|NATO
Organization for Security and Co-operation in Europe|Organization for Security and Cooperation in Europe|OSCE
OSCE Office for Democratic Institutions and Human Rights|ODIHR
Council of Europe
European Union|EU|E.U.
European Commission
European Parliament
European Council
Association of Southeast Asian Nations|ASEAN
ASEAN Regional Forum
East Asia Summit
Asia-Pacific Economic Cooperation|APEC
African Union|AU
Economic Community of West African States|ECOWAS
Southern African Development Community|SADC
Intergovernmental Authority on Development|IGAD
Organization of American States|OAS
Arab League|League of Arab States
Gulf Cooperation Council|GCC
Organisation of Islamic Cooperation|Organization of Islamic Cooperation|OIC
Shanghai Cooperation Organisation|Shanghai Cooperation Organization|SCO
Collective Security Treaty Organization|CSTO
Eurasian Economic Union|EAEU
Commonwealth of Independent States|CIS
Commonwealth
Organisation for Economic Co-operation and Development|OECD
Organization of the Petroleum Exporting Countries|OPEC|OPEC+
International Energy Agency|IEA
Financial Action Task Force|FATF
Interpol|INTERPOL
C5+1
G7|G-7|Group of Seven
G20|G-20|Group of Twenty
G8|G-8
BRICS
Quad
AUKUS
Pacific Islands Forum
Mekong-U.S. Partnership
Lower Mekong Initiative
Global Fund
Gavi
COVAX
Amnesty International
Human Rights Watch
Freedom House
Reporters Without Borders|RSF
Committee to Protect Journalists|CPJ
International Crisis Group
Transparency International
Doctors Without Borders|Médecins Sans Frontières|MSF
Taliban
Hamas
Hizballah|Hezbollah
ISIS|ISIL|Daesh|Islamic State
al-Qaida|al-Qaeda|Al-Qaida|Al-Qaeda|al Qaeda
al-Shabaab|al-Shabab
Houthis|Ansarallah
Wagner Group|Wagner
Palestinian Authority|PA
Palestine Liberation Organization|PLO
Kremlin
Politburo
Warsaw Pact
Viet Cong|Vietcong
League of Nations
Marshall Plan
Nord Stream|Nord Stream 2
Peace Corps
Fulbright Program
Olympic Committee|International Olympic Committee|IOC
`;

/** U.S. government departments, agencies and offices. */
export const US_ORGANIZATIONS = `
Department of State|State Department|U.S. Department of State|US Department of State
Department of Defense|Defense Department|U.S. Department of Defense|Pentagon|DOD|DoD
Department of the Treasury|Treasury Department|U.S. Department of the Treasury|Treasury
Department of Justice|Justice Department|DOJ
Department of Homeland Security|DHS
Department of Commerce|Commerce Department
Department of Energy|Energy Department|DOE
Department of Agriculture|USDA
Department of Labor|Labor Department
Department of Health and Human Services|HHS
Department of Education|Education Department
Department of Transportation
Department of the Interior|Interior Department
Department of Veterans Affairs|VA
Department of Housing and Urban Development|HUD
White House
Oval Office
National Security Council|NSC
Office of the Spokesperson
Office of the Press Secretary
U.S. Agency for International Development|United States Agency for International Development|USAID
Office of Foreign Assets Control|OFAC
Bureau of Industry and Security|BIS
Centers for Disease Control and Prevention|CDC
Food and Drug Administration|FDA
Environmental Protection Agency|EPA
National Institutes of Health|NIH
Federal Bureau of Investigation|FBI
Central Intelligence Agency|CIA
National Aeronautics and Space Administration|NASA
Millennium Challenge Corporation|MCC
U.S. International Development Finance Corporation|Development Finance Corporation|DFC
Export-Import Bank|EXIM
U.S. Trade Representative|Office of the U.S. Trade Representative|USTR
Federal Reserve|Fed
Congress|U.S. Congress|United States Congress
Senate|U.S. Senate|United States Senate
House of Representatives|U.S. House of Representatives
Supreme Court|U.S. Supreme Court
Joint Chiefs of Staff
INDOPACOM|U.S. Indo-Pacific Command|Indo-Pacific Command
CENTCOM|U.S. Central Command|Central Command
EUCOM|U.S. European Command|European Command
AFRICOM|U.S. Africa Command
SOUTHCOM|U.S. Southern Command
U.S. Embassy|US Embassy|American Embassy
Foreign Service
Coast Guard
Voice of America|VOA
Radio Free Europe/Radio Liberty|RFE/RL|Radio Free Europe
Democratic Party|Democrats
Republican Party|GOP|Republicans
`;

/** News organisations (briefings name reporters' outlets: "Matt Lee, AP"). Ambiguous single words ("Time", "The Hill") are left out. */
export const NEWS_ORGANIZATIONS = `
Associated Press|AP
Reuters|Thomson Reuters
Agence France-Presse|Agence France Presse|AFP
Agence Europe
Al Jazeera
Al Arabiya
BBC|British Broadcasting Corporation
CNN
Fox News
NBC News|NBC
CBS News|CBS
ABC News
NPR|National Public Radio
PBS
New York Times|The New York Times
Washington Post|The Washington Post
Wall Street Journal|The Wall Street Journal
Los Angeles Times
USA Today
Financial Times
Politico
Axios
Newsweek
Bloomberg News
Xinhua|Xinhua News Agency
TASS
RIA Novosti
Interfax
Kyodo News|Kyodo
Yonhap
NHK
Asahi Shimbun
Deutsche Welle|DW
France 24
Euronews
Sky News
Anadolu Agency
South China Morning Post
Ukrainska Pravda
Kyiv Independent
Al-Monitor
TOLOnews|Tolo News
CNBC
MSNBC
The Economist
Le Monde
Le Figaro
El País
Der Spiegel
Die Zeit
Frankfurter Allgemeine Zeitung|FAZ
Folha de S.Paulo|Folha de São Paulo|Folha
O Globo
Corriere della Sera
La Repubblica
ANSA
EFE
Times of India
Hindustan Times
Haaretz
Times of Israel
Jerusalem Post
Asharq Al-Awsat
Kommersant
Novaya Gazeta
Global Times
People's Daily
China Daily
CCTV
CGTN
Phoenix TV
Yomiuri Shimbun
Mainichi Shimbun
Nikkei
JoongAng Ilbo
Chosun Ilbo
Alhurra|Al Hurra
Radio Free Asia|RFA
Rudaw
Ukrinform
`;
