/**
 * The sample portal's news: invented business news in the register of regional Chinese portals,
 * written for this project (no page of any real site). Each story has its own facts; the
 * paragraphs are assembled from them so that every article reads differently.
 */
export interface Story {
  title: string;
  city: string;
  org: string;
  person: string;
  role: string;
  topic: string;
  amount: string;
  /** A sentence only this story has. */
  detail: string;
  /** What comes next. */
  outlook: string;
  source: string;
  author: string | null;
}

export const STORIES: Story[] = [
  { title: '太原综改区一季度签约项目38个 总投资突破210亿元', city: '太原', org: '山西转型综合改革示范区', person: '王建平', role: '管委会副主任', topic: '项目签约', amount: '210亿元', detail: '签约项目中，新材料和高端装备制造类占比超过六成，其中碳化硅衬底项目单体投资达42亿元。', outlook: '下一步，示范区将实行项目专班制度，确保签约项目年内开工率不低于80%。', source: '山西日报', author: '陈俊琦' },
  { title: '晋城煤层气产业链再延伸 氢能重卡示范线路开通', city: '晋城', org: '晋城市能源局', person: '李振华', role: '局长', topic: '氢能应用', amount: '6.8亿元', detail: '首批20辆氢燃料电池重卡投入煤炭短途运输，单车每百公里可减少碳排放约90公斤。', outlook: '按照规划，到2025年全市将建成加氢站12座，氢能重卡保有量达到500辆。', source: '晋城日报', author: '赵雅琴' },
  { title: '大同黄花产业年产值首次超过40亿元 带动农户增收', city: '大同', org: '云州区农业农村局', person: '刘晓东', role: '负责人', topic: '特色农业', amount: '40亿元', detail: '今年云州区新建黄花冷链仓储库8座，鲜品错峰上市使收购价格每公斤提高了1.2元。', outlook: '当地计划再培育5家年销售额过亿元的黄花深加工龙头企业。', source: '大同日报', author: null },
  { title: '长治光伏组件基地二期投产 年产能达到8吉瓦', city: '长治', org: '潞光新能源科技有限公司', person: '张卫东', role: '总经理', topic: '新能源制造', amount: '35亿元', detail: '二期工程引进全自动串焊和层压生产线，组件转换效率提升至22.8%。', outlook: '企业正在筹建三期电池片项目，预计明年三季度开工建设。', source: '长治日报', author: '郭婷' },
  { title: '运城苹果出口订单同比增长27% 东南亚市场成新增长点', city: '运城', org: '运城市商务局', person: '薛明', role: '副局长', topic: '农产品出口', amount: '3.6亿美元', detail: '今年前两个月，经万荣、临猗两地口岸发往越南、泰国的鲜苹果达1.9万吨。', outlook: '商务部门将组织企业参加雅加达国际食品展，进一步拓展东盟渠道。', source: '运城日报', author: null },
  { title: '省商务厅发布稳外贸十条措施 中小外贸企业可享信保补贴', city: '太原', org: '山西省商务厅', person: '孙立国', role: '新闻发言人', topic: '稳外贸', amount: '5000万元', detail: '措施明确，对年出口额500万美元以下企业的出口信用保险保费给予最高80%的补贴。', outlook: '各市商务部门将在3月底前完成首批政策兑现。', source: '山西省商务厅', author: null },
  { title: '吕梁杂粮加工园区入驻企业达到46家 电商销售占三成', city: '吕梁', org: '岚县杂粮产业园', person: '高志刚', role: '园区主任', topic: '农产品加工', amount: '12亿元', detail: '园区统一建设的直播基地每天开播超过60场，小米、荞麦等产品远销珠三角。', outlook: '园区将申报省级农业产业化示范园，争取更多仓储物流配套资金。', source: '吕梁日报', author: '白雪' },
  { title: '忻州石墨烯新材料项目落地原平 预计年产值50亿元', city: '忻州', org: '原平经济技术开发区', person: '冯涛', role: '党工委书记', topic: '新材料', amount: '50亿元', detail: '项目以本地铝矾土和煤系高岭土为原料，生产导热膜、导电浆料等高端产品。', outlook: '开发区承诺为项目提供“拿地即开工”的全程代办服务。', source: '忻州日报', author: null },
  { title: '临汾陶瓷企业集体“上云” 生产能耗平均下降12%', city: '临汾', org: '临汾市工业和信息化局', person: '杨丽娟', role: '副局长', topic: '数字化改造', amount: '2.3亿元', detail: '首批17家陶瓷企业接入工业互联网平台，窑炉温度实现远程实时调控。', outlook: '今年全市计划完成100家规上工业企业的数字化诊断。', source: '临汾日报', author: '宋佳' },
  { title: '阳泉数据中心集群新增机架1.2万个 算力规模全省第一', city: '阳泉', org: '阳泉市大数据产业发展中心', person: '韩磊', role: '主任', topic: '算力基础设施', amount: '28亿元', detail: '新投用的液冷机房PUE值降至1.15，每年可节约电费约6000万元。', outlook: '阳泉将与京津冀多家互联网企业共建灾备中心。', source: '阳泉日报', author: null },
  { title: '晋中平遥牛肉老字号改制完成 引入战略投资者', city: '晋中', org: '平遥牛肉集团', person: '任建国', role: '董事长', topic: '老字号改革', amount: '4.5亿元', detail: '改制后企业将恢复传统腌制工艺车间，并新建年产1万吨的低温肉制品生产线。', outlook: '集团计划三年内完成股份制改造并启动上市辅导。', source: '晋中日报', author: '程远' },
  { title: '朔州羊肉产业联盟成立 统一品牌走向全国市场', city: '朔州', org: '朔州市羊产业协会', person: '马金山', role: '会长', topic: '品牌建设', amount: '1.8亿元', detail: '联盟首批吸纳养殖合作社、屠宰加工及餐饮企业共58家，统一使用“塞上朔羊”商标。', outlook: '协会将在北京、天津开设首批品牌体验店。', source: '朔州日报', author: null },
  { title: '太原跨境电商综试区进出口额增长41% 海外仓增至9个', city: '太原', org: '太原海关', person: '周宏', role: '副关长', topic: '跨境电商', amount: '18.6亿元', detail: '太原武宿综合保税区内的“9610”出口包裹平均通关时间已压缩至3小时以内。', outlook: '海关将推广“跨境电商+市场采购”融合发展新模式。', source: '太原晚报', author: '黄晓' },
  { title: '省工商联组织晋商企业赴粤港澳考察 签订合作意向27项', city: '广州', org: '山西省工商业联合会', person: '赵明远', role: '副主席', topic: '区域合作', amount: '96亿元', detail: '考察团走访了深圳前海、广州南沙的14家企业，在氢能装备和文旅开发方面达成合作。', outlook: '双方约定今年下半年在太原举办晋粤企业家对接会。', source: '中国晋商网', author: null },
  { title: '晋商银行普惠贷款余额突破300亿元 小微企业融资成本下降', city: '太原', org: '晋商银行', person: '吴晓军', role: '行长', topic: '普惠金融', amount: '300亿元', detail: '该行推出的“晋享贷”线上产品审批最快10分钟放款，已服务个体工商户2.1万户。', outlook: '今年该行普惠小微贷款增速目标不低于各项贷款平均增速。', source: '山西经济日报', author: '孟凡' },
  { title: '山西焦化行业完成超低排放改造 企业减排成本获专项支持', city: '太原', org: '山西省生态环境厅', person: '钱伟', role: '大气处处长', topic: '绿色转型', amount: '15亿元', detail: '全省已有43家焦化企业完成有组织、无组织和清洁运输全流程超低排放评估监测。', outlook: '对按期完成改造的企业，将在重污染天气应对中实行差异化管控。', source: '山西日报', author: null },
  { title: '河津铝工业园引进再生铝项目 年处理废铝30万吨', city: '河津', org: '河津市招商服务中心', person: '郑海燕', role: '主任', topic: '循环经济', amount: '22亿元', detail: '项目采用双室熔炼炉技术，金属回收率可达到95%以上，较原铝生产节能九成。', outlook: '项目建成后将与园区内的铝板带箔企业形成原料闭环。', source: '运城日报', author: '冯晓' },
  { title: '孝义民营企业家座谈会召开 现场解决诉求19件', city: '孝义', org: '孝义市委统战部', person: '武建军', role: '部长', topic: '营商环境', amount: '0.9亿元', detail: '座谈中企业反映最集中的是用地审批和电力增容问题，相关部门当场明确了办理时限。', outlook: '孝义将建立“企业诉求一张单”，每月通报办理进度。', source: '吕梁日报', author: null },
  { title: '汾酒集团一季度营收同比增长三成 省外市场占比过半', city: '汾阳', org: '汾酒集团', person: '常宏', role: '营销总监', topic: '白酒产业', amount: '120亿元', detail: '长江以南市场的经销商数量比去年同期增加了312家，青花系列增速最快。', outlook: '集团将继续推进杏花村酒业集中发展区建设，扩大基酒储存能力。', source: '山西经济日报', author: '闫瑞' },
  { title: '侯马物流园开通中欧班列 首列满载机械配件发往汉堡', city: '侯马', org: '侯马经济开发区', person: '贾志强', role: '管委会主任', topic: '国际物流', amount: '3.2亿元', detail: '首趟班列共50个集装箱，运行时间约18天，比海运节省一半以上。', outlook: '开发区计划今年开行班列30列，并争取设立海关监管作业场所。', source: '临汾日报', author: null },
  { title: '壶关旱地西红柿上市 订单农业让种植户心里有底', city: '壶关', org: '壶关县蔬菜产业发展中心', person: '牛红梅', role: '农艺师', topic: '订单农业', amount: '2.6亿元', detail: '今年全县与京津超市签订的西红柿订单达到3.8万吨，收购保底价每公斤2.4元。', outlook: '县里正在建设产地分拣中心，明年可实现全程冷链直发。', source: '长治日报', author: '秦宇' },
  { title: '介休高铁新区商业综合体开业 首日客流超5万人次', city: '介休', org: '介休市商务局', person: '侯立新', role: '局长', topic: '消费提振', amount: '8亿元', detail: '综合体引入品牌商户132家，其中山西首店11家，地下停车位1600个。', outlook: '商务部门将配合开展“晋情消费”系列促销活动。', source: '晋中日报', author: null },
  { title: '山西民营经济发展促进条例实施一周年 涉企收费清单公开', city: '太原', org: '山西省发展和改革委员会', person: '田宇', role: '副主任', topic: '政策落实', amount: '27亿元', detail: '一年来全省清理规范涉企收费项目64项，为市场主体减负约27亿元。', outlook: '省发改委将开展条例实施情况第三方评估。', source: '山西日报', author: null },
  { title: '中小企业专精特新培育计划发布 三年遴选1000家', city: '太原', org: '山西省工业和信息化厅', person: '邓志明', role: '中小企业处处长', topic: '专精特新', amount: '10亿元', detail: '计划对新认定的国家级专精特新“小巨人”企业一次性奖励100万元。', outlook: '首批省级专精特新企业申报将于4月启动。', source: '山西省工业和信息化厅', author: null },
  { title: '太原市出台支持总部经济发展办法 最高奖励2000万元', city: '太原', org: '太原市人民政府办公室', person: '许晨', role: '副秘书长', topic: '总部经济', amount: '2000万元', detail: '办法对新迁入的区域总部按照首年地方经济贡献给予阶梯式奖励。', outlook: '各城区须在一个月内制定配套的人才住房保障细则。', source: '太原日报', author: null },
  { title: '全省开发区“承诺制+标准地”改革全面推开', city: '太原', org: '山西省商务厅开发区处', person: '卢静', role: '处长', topic: '审批改革', amount: '0', detail: '企业拿到“标准地”后签署承诺书即可开工，审批时间平均缩短至30个工作日。', outlook: '年底前全省开发区新供工业用地全部按“标准地”出让。', source: '山西经济日报', author: '毛子涵' },
  { title: '大同出台文旅消费券发放细则 餐饮住宿均可使用', city: '大同', org: '大同市文化和旅游局', person: '曹宁', role: '副局长', topic: '文旅消费', amount: '3000万元', detail: '消费券分四期发放，单张最高面额200元，可在全市280家签约商户使用。', outlook: '文旅部门将根据核销数据动态调整后续批次的投放比例。', source: '大同日报', author: null },
  { title: '晋中企业研发费用加计扣除落地 一季度减税4.1亿元', city: '晋中', org: '国家税务总局晋中市税务局', person: '贺敏', role: '副局长', topic: '税收优惠', amount: '4.1亿元', detail: '享受政策的企业中，制造业企业占比达到71%，户均减税约62万元。', outlook: '税务部门将通过“一户一档”辅导帮助更多企业应享尽享。', source: '晋中日报', author: '岳鹏' },
  { title: '太重集团中标海上风电安装平台 合同额创历史新高', city: '太原', org: '太原重型机械集团', person: '袁刚', role: '副总经理', topic: '高端装备', amount: '16亿元', detail: '该平台起重能力2500吨，可在水深70米海域完成15兆瓦风机整体吊装。', outlook: '太重将在今年内完成海上风电装备产业园一期建设。', source: '山西经济日报', author: null },
  { title: '美锦能源加氢站网络扩展至省外 布局长三角市场', city: '嘉兴', org: '美锦能源股份有限公司', person: '姚峰', role: '董事会秘书', topic: '氢能网络', amount: '9亿元', detail: '公司在浙江嘉兴建设的日加注能力1000公斤加氢站已完成主体施工。', outlook: '公司计划三年内在长三角建成加氢站20座。', source: '证券时报', author: '林可' },
  { title: '潞安化工高端蜡产品打破国外垄断 出口日韩', city: '长治', org: '潞安化工集团', person: '董文斌', role: '技术中心主任', topic: '化工新材料', amount: '11亿元', detail: '费托合成高熔点蜡的熔点稳定在105摄氏度以上，性能指标达到进口同类产品水平。', outlook: '集团将建设年产5万吨特种蜡精制装置。', source: '长治日报', author: null },
  { title: '山西建投承建的跨黄河大桥合龙 晋陕两省再添通道', city: '吉县', org: '山西建设投资集团', person: '魏东升', role: '项目经理', topic: '基础设施', amount: '25亿元', detail: '大桥主跨565米，是黄河中游跨度最大的钢管混凝土拱桥。', outlook: '大桥计划于10月底前通车，将缩短两岸车程约40分钟。', source: '山西日报', author: '陈默' },
  { title: '山西证监局约谈拟上市企业 今年力争新增上市公司5家', city: '太原', org: '山西证监局', person: '季华', role: '副局长', topic: '资本市场', amount: '60亿元', detail: '目前全省在辅导备案的企业有19家，其中7家已向交易所提交申请材料。', outlook: '证监局将建立拟上市企业问题协调清单，按月调度。', source: '中国证券报', author: null },
  { title: '晋北风电基地送出工程开工 年输送绿电180亿千瓦时', city: '朔州', org: '国网山西省电力公司', person: '严立', role: '建设部主任', topic: '绿电外送', amount: '48亿元', detail: '工程新建500千伏变电站两座，线路全长约320公里，穿越三个县区。', outlook: '工程计划明年6月投运，届时晋北新能源外送能力将提高一倍。', source: '朔州日报', author: '崔浩' },
  { title: '长治民营医院集团完成B轮融资 加快县域医疗布局', city: '长治', org: '上党医疗集团', person: '路遥', role: '创始人', topic: '医疗服务', amount: '5.5亿元', detail: '本轮融资由两家省属产业基金领投，资金主要用于在12个县建设标准化医院。', outlook: '集团计划两年内实现长治、晋城县域全覆盖。', source: '长治日报', author: null },
];

/** Paragraphs of a story: a lead, the detail, a quote, figures and the outlook, in a varied order. */
export function storyParagraphs(story: Story, index: number): string[] {
  const lead = `本网讯 近日，${story.city}${story.org}围绕${story.topic}工作传出新消息。${story.title.replace(/\s+/g, '，')}，引起了当地企业界的广泛关注。`;
  const quote = [
    `“${story.topic}既要抓当下，也要看长远。”${story.org}${story.role}${story.person}在接受采访时说，今年将把更多资源投向能见效、可持续的环节。`,
    `${story.person}表示，${story.topic}的关键在于市场主体的积极性，${story.org}将坚持问题导向，定期听取企业意见，及时调整工作措施。`,
    `据${story.org}${story.role}${story.person}介绍，相关工作从去年下半年开始谋划，先后组织了多轮调研和专家论证。`,
  ][index % 3]!;
  const figures =
    story.amount === '0'
      ? `业内人士认为，这一做法减少了企业在前期手续上的时间成本，对${story.city}营商环境的改善具有示范意义。`
      : `统计数据显示，涉及资金规模约${story.amount}，预计可带动上下游就业${(index % 7) + 2}千余人，对${story.city}经济增长的拉动作用将在年内逐步显现。`;
  const context = [
    `近年来，${story.city}持续推动产业结构调整，${story.topic}已成为当地稳增长、促转型的重要抓手。`,
    `从全省看，${story.topic}相关政策密集出台，各地比学赶超的氛围日益浓厚，${story.city}的做法具有一定代表性。`,
    `业内分析人士指出，${story.topic}正处在由规模扩张向质量提升转变的阶段，政策支持与市场需求形成了合力。`,
    `${story.city}是传统的资源型地区，如何在${story.topic}方面走出新路，一直是当地干部群众关心的问题。`,
  ][index % 4]!;
  const paragraphs = [lead, story.detail, quote, figures, context, story.outlook];
  // Vary the order of the middle paragraphs so that no two stories share a layout.
  if (index % 2 === 1) [paragraphs[2], paragraphs[3]] = [paragraphs[3]!, paragraphs[2]!];
  if (index % 3 === 2) [paragraphs[1], paragraphs[4]] = [paragraphs[4]!, paragraphs[1]!];
  return paragraphs;
}

/** A synthetic story for the large benchmark portals (numbered, so each page differs). */
export function syntheticStory(n: number): Story {
  const base = STORIES[n % STORIES.length]!;
  return {
    ...base,
    title: `${base.city}第${n}号项目进展：${base.topic}工作取得新成效`,
    detail: `${base.detail}这是本网第${n}篇相关报道，统计口径截至当月第${(n % 28) + 1}日。`,
    amount: `${(n % 90) + 10}亿元`,
  };
}
