/**
 * Place gazetteer: countries (with other names and demonyms), capitals (including renamed ones),
 * major cities, regions and provinces. Each line is `Name|other name…;demonym|demonym…`; the
 * first name is canonical. Matching is case-sensitive on these spellings.
 */

/** Countries and other states: `Name|alias…;demonym…`. */
export const COUNTRIES = `
Afghanistan|Islamic Republic of Afghanistan;Afghan|Afghans
Albania;Albanian|Albanians
Algeria;Algerian|Algerians
Andorra;Andorran
Angola;Angolan|Angolans
Antigua and Barbuda
Argentina;Argentine|Argentinian|Argentines
Armenia;Armenian|Armenians
Australia;Australian|Australians
Austria;Austrian|Austrians
Azerbaijan;Azerbaijani|Azerbaijanis|Azeri
Bahamas|The Bahamas;Bahamian
Bahrain;Bahraini|Bahrainis
Bangladesh;Bangladeshi|Bangladeshis
Barbados;Barbadian
Belarus;Belarusian|Belarusians
Belgium;Belgian|Belgians
Belize;Belizean
Benin;Beninese
Bhutan;Bhutanese
Bolivia;Bolivian|Bolivians
Bosnia and Herzegovina|Bosnia|BiH;Bosnian|Bosnians
Botswana
Brazil;Brazilian|Brazilians
Brunei|Brunei Darussalam
Bulgaria;Bulgarian|Bulgarians
Burkina Faso;Burkinabe
Burma|Myanmar;Burmese
Burundi;Burundian
Cabo Verde|Cape Verde
Cambodia;Cambodian|Cambodians
Cameroon;Cameroonian
Canada;Canadian|Canadians
Central African Republic|CAR
Chad;Chadian
Chile;Chilean|Chileans
China|People's Republic of China|PRC|Mainland China;Chinese
Colombia;Colombian|Colombians
Comoros
Democratic Republic of the Congo|DRC|DRC|Congo-Kinshasa;Congolese
Republic of the Congo|Congo-Brazzaville|Congo
Costa Rica;Costa Rican
Côte d'Ivoire|Cote d'Ivoire|Côte d’Ivoire|Ivory Coast;Ivorian
Croatia;Croatian|Croatians
Cuba;Cuban|Cubans
Cyprus;Cypriot|Cypriots
Czech Republic|Czechia;Czech|Czechs
Denmark;Danish|Danes
Djibouti
Dominica
Dominican Republic;Dominican
Ecuador;Ecuadorian|Ecuadorians
Egypt;Egyptian|Egyptians
El Salvador;Salvadoran|Salvadorans
Equatorial Guinea
Eritrea;Eritrean|Eritreans
Estonia;Estonian|Estonians
Eswatini|Swaziland
Ethiopia;Ethiopian|Ethiopians
Fiji;Fijian
Finland;Finnish|Finns
France;French
Gabon;Gabonese
The Gambia|Gambia;Gambian
Georgia;Georgian|Georgians
Germany|Federal Republic of Germany|West Germany|East Germany;German|Germans
Ghana;Ghanaian|Ghanaians
Greece;Greek|Greeks
Grenada
Guatemala;Guatemalan|Guatemalans
Guinea;Guinean
Guinea-Bissau
Guyana;Guyanese
Haiti;Haitian|Haitians
Honduras;Honduran|Hondurans
Hungary;Hungarian|Hungarians
Iceland;Icelandic
India;Indian|Indians
Indonesia;Indonesian|Indonesians
Iran|Islamic Republic of Iran|Islamic Republic;Iranian|Iranians
Iraq;Iraqi|Iraqis
Ireland;Irish
Israel;Israeli|Israelis
Italy;Italian|Italians
Jamaica;Jamaican|Jamaicans
Japan;Japanese
Jordan;Jordanian|Jordanians
Kazakhstan;Kazakhstani|Kazakhstanis|Kazakh|Kazakhs
Kenya;Kenyan|Kenyans
Kiribati
North Korea|DPRK|Democratic People's Republic of Korea;North Korean|North Koreans
South Korea|Republic of Korea|ROK|Korea;South Korean|South Koreans|Korean|Koreans
Kosovo;Kosovar|Kosovars
Kuwait;Kuwaiti|Kuwaitis
Kyrgyzstan|Kyrgyz Republic;Kyrgyz|Kyrgyzstani
Laos|Lao PDR|Lao People's Democratic Republic;Lao|Laotian
Latvia;Latvian|Latvians
Lebanon;Lebanese
Lesotho
Liberia;Liberian|Liberians
Libya;Libyan|Libyans
Liechtenstein
Lithuania;Lithuanian|Lithuanians
Luxembourg
Madagascar;Malagasy
Malawi;Malawian
Malaysia;Malaysian|Malaysians
Maldives
Mali;Malian|Malians
Malta;Maltese
Marshall Islands
Mauritania;Mauritanian
Mauritius;Mauritian
Mexico;Mexican|Mexicans
Micronesia
Moldova;Moldovan|Moldovans
Monaco
Mongolia;Mongolian|Mongolians
Montenegro;Montenegrin
Morocco;Moroccan|Moroccans
Mozambique;Mozambican
Namibia;Namibian
Nauru
Nepal;Nepali|Nepalese
Netherlands|The Netherlands|Holland;Dutch
New Zealand;New Zealander|New Zealanders
Nicaragua;Nicaraguan|Nicaraguans
Niger;Nigerien
Nigeria;Nigerian|Nigerians
North Macedonia|Macedonia;Macedonian
Norway;Norwegian|Norwegians
Oman;Omani
Pakistan;Pakistani|Pakistanis
Palau
Palestinian Territories|Palestine;Palestinian|Palestinians
Panama;Panamanian
Papua New Guinea
Paraguay;Paraguayan
Peru;Peruvian|Peruvians
Philippines|The Philippines;Filipino|Filipinos|Philippine
Poland;Polish|Poles
Portugal;Portuguese
Qatar;Qatari|Qataris
Romania;Romanian|Romanians
Russia|Russian Federation;Russian|Russians
Rwanda;Rwandan|Rwandans
Saint Kitts and Nevis
Saint Lucia
Saint Vincent and the Grenadines
Samoa;Samoan
San Marino
Sao Tome and Principe|São Tomé and Príncipe
Saudi Arabia|Kingdom of Saudi Arabia;Saudi|Saudis
Senegal;Senegalese
Serbia;Serbian|Serbians|Serb|Serbs
Seychelles
Sierra Leone;Sierra Leonean
Singapore;Singaporean|Singaporeans
Slovakia;Slovak|Slovaks
Slovenia;Slovenian|Slovene
Solomon Islands
Somalia;Somali|Somalis
South Africa;South African|South Africans
South Sudan;South Sudanese
Spain;Spanish|Spaniards
Sri Lanka;Sri Lankan|Sri Lankans
Sudan;Sudanese
Suriname
Sweden;Swedish|Swedes
Switzerland;Swiss
Syria|Syrian Arab Republic;Syrian|Syrians
Taiwan;Taiwanese
Tajikistan;Tajik|Tajiks|Tajikistani
Tanzania;Tanzanian|Tanzanians
Thailand;Thai
Timor-Leste|East Timor;Timorese
Togo;Togolese
Tonga;Tongan
Trinidad and Tobago
Tunisia;Tunisian|Tunisians
Turkey|Türkiye|Turkiye;Turkish|Turks
Turkmenistan;Turkmen
Tuvalu
Uganda;Ugandan|Ugandans
Ukraine;Ukrainian|Ukrainians
United Arab Emirates|UAE|Emirates;Emirati|Emiratis
United Kingdom|UK|U.K.|Britain|Great Britain;British|Briton|Britons
United States|United States of America|U.S.|US|U.S.A.|USA|America;American|Americans
Uruguay;Uruguayan
Uzbekistan;Uzbek|Uzbeks|Uzbekistani
Vanuatu
Vatican|Holy See|Vatican City
Venezuela;Venezuelan|Venezuelans
Vietnam|Viet Nam;Vietnamese
Yemen;Yemeni|Yemenis
Zambia;Zambian|Zambians
Zimbabwe;Zimbabwean|Zimbabweans
Soviet Union|USSR|U.S.S.R.;Soviet|Soviets
Yugoslavia;Yugoslav
Czechoslovakia
Greenland;Greenlandic
Puerto Rico;Puerto Rican
Hong Kong
Macau|Macao
Scotland;Scottish|Scots
England;English
Wales;Welsh
Northern Ireland
`;

/** Capitals and major cities; renamed cities list every name (`Kyiv|Kiev`). */
export const CITIES = `
Kabul
Tirana
Algiers
Luanda
Buenos Aires
Yerevan
Canberra
Sydney
Melbourne
Vienna
Baku
Manama
Dhaka
Minsk
Brussels
La Paz
Sarajevo
Brasilia|Brasília
Sao Paulo|São Paulo
Rio de Janeiro
Sofia
Ouagadougou
Naypyidaw|Nay Pyi Taw
Rangoon|Yangon
Mandalay
Phnom Penh
Yaounde|Yaoundé
Ottawa
Toronto
Montreal
Vancouver
Bangui
N'Djamena
Santiago
Beijing|Peking
Shanghai
Wuhan
Guangzhou
Urumqi
Lhasa
Bogota|Bogotá
Kinshasa
Brazzaville
San Jose|San José
Abidjan
Zagreb
Havana
Nicosia
Prague
Copenhagen
Santo Domingo
Quito
Cairo
San Salvador
Asmara
Tallinn
Addis Ababa
Helsinki
Paris
Tbilisi
Berlin
Bonn
Munich
Frankfurt
Accra
Athens
Guatemala City
Conakry
Port-au-Prince
Tegucigalpa
Budapest
Reykjavik
New Delhi|Delhi
Mumbai|Bombay
Jakarta
Bali
Tehran
Baghdad
Erbil
Mosul
Basra
Dublin
Jerusalem
Tel Aviv
Rome
Tokyo
Osaka
Hiroshima
Nagasaki
Okinawa
Amman
Astana|Nur-Sultan
Almaty|Alma-Ata
Nairobi
Pyongyang
Seoul
Pristina
Kuwait City
Bishkek
Osh
Vientiane
Riga
Beirut
Monrovia
Tripoli
Benghazi
Vilnius
Antananarivo
Lilongwe
Kuala Lumpur
Bamako
Valletta
Mexico City
Chisinau|Chișinău
Ulaanbaatar|Ulan Bator
Podgorica
Rabat
Maputo
Windhoek
Kathmandu
Amsterdam
The Hague
Wellington
Managua
Niamey
Abuja
Lagos
Skopje
Oslo
Muscat
Islamabad
Karachi
Lahore
Panama City
Asuncion|Asunción
Lima
Manila
Warsaw
Lisbon
Doha
Bucharest
Moscow
St. Petersburg|Saint Petersburg|Leningrad
Kigali
Riyadh
Jeddah
Dakar
Belgrade
Freetown
Bratislava
Ljubljana
Mogadishu
Pretoria
Johannesburg
Cape Town
Juba
Madrid
Barcelona
Colombo
Khartoum
Stockholm
Geneva
Bern
Zurich
Davos
Damascus
Aleppo
Idlib
Taipei
Dushanbe
Dar es Salaam
Dodoma
Bangkok
Lome|Lomé
Port of Spain
Tunis
Ankara
Istanbul
Ashgabat
Kampala
Kyiv|Kiev
Kharkiv|Kharkov
Odesa|Odessa
Lviv
Mariupol
Bucha
Kherson
Mykolaiv
Zaporizhzhia
Dnipro
Abu Dhabi
Dubai
London
Edinburgh
Montevideo
Tashkent
Samarkand
Caracas
Hanoi
Ho Chi Minh City|Saigon
Sanaa|Sana'a
Aden
Lusaka
Harare
Washington, D.C.|Washington, DC|Washington D.C.|Washington DC|Washington
New York|New York City
Los Angeles
San Francisco
Chicago
Houston
Boston
Philadelphia
Miami
Atlanta
Seattle
Detroit
Honolulu
Dallas
Denver
New Orleans
Pittsburgh
Cleveland
Baltimore
Gaza City
Ramallah
Hebron
Luxembourg City
Singapore City
Hong Kong City
Vladivostok
Brussels-Capital
Strasbourg
Marseille
Hamburg
Milan
Naples
Venice
Florence
Krakow|Kraków
Gdansk|Gdańsk
Yalta
Potsdam
Camp David
Helsinki
Vladivostok
Glasgow
Sharm el-Sheikh
Bali
Nuuk
`;

/** Regions, provinces, disputed territories, bodies of water and U.S. states. */
export const REGIONS = `
Central Asia
South Asia
East Asia
Southeast Asia
South-East Asia
Northeast Asia
Asia
Asia-Pacific
Indo-Pacific
Pacific Islands
Pacific
Middle East
Near East
North Africa
Sub-Saharan Africa|sub-Saharan Africa|Saharan Africa
West Africa
East Africa
Southern Africa
Central Africa
Horn of Africa
Sahel
Maghreb
Africa
Europe
Western Europe
Eastern Europe
Central Europe
Central and Eastern Europe
Southeast Europe
Western Balkans
Balkans
Caucasus
South Caucasus
North Caucasus
Baltic States|Baltics
Nordic
Scandinavia
Arctic
Antarctica
Latin America
South America
Central America
North America
Caribbean
Western Hemisphere
Americas
Eurasia
Mediterranean
Black Sea
Caspian Sea|Caspian
Baltic Sea
Red Sea
South China Sea
East China Sea
Taiwan Strait
Strait of Hormuz
Persian Gulf|Arabian Gulf
Gulf of Aden
Gulf of Mexico
Aral Sea
Mekong|Mekong River
Nile
Amazon
Indian Ocean
Atlantic
Pacific Ocean
Xinjiang
Tibet
Inner Mongolia
Guangdong
Sichuan
Yunnan
Fujian
Crimea
Donbas|Donbass
Donetsk
Luhansk|Lugansk
Siberia
Chechnya
Kaliningrad
Transnistria
Abkhazia
South Ossetia
Nagorno-Karabakh
Kashmir
Jammu and Kashmir
Punjab
Balochistan
Tigray
Amhara
Afar
Oromia
Darfur
Kordofan
Blue Nile
Kurdistan|Iraqi Kurdistan|Kurdistan Region
Gaza|Gaza Strip
West Bank
Golan Heights
Sinai
Rakhine|Rakhine State
Kachin
Shan State
Mindanao
Papua
Aceh
Cabo Delgado
Western Sahara
Somaliland
Puntland
Idlib Province
Fergana Valley|Ferghana Valley
Karakalpakstan
Alabama
Alaska
Arizona
Arkansas
California
Colorado
Connecticut
Delaware
Florida
Hawaii
Idaho
Illinois
Indiana
Iowa
Kansas
Kentucky
Louisiana
Maine
Maryland
Massachusetts
Michigan
Minnesota
Mississippi
Missouri
Montana
Nebraska
Nevada
New Hampshire
New Jersey
New Mexico
North Carolina
North Dakota
Ohio
Oklahoma
Oregon
Pennsylvania
Rhode Island
South Carolina
South Dakota
Tennessee
Texas
Utah
Vermont
Virginia
West Virginia
Wisconsin
Wyoming
Guam
`;
