#include "ImagingDock.h"

#include "ImageViewer.h"
#include "PhotoPatternDialog.h"

#include <QAction>
#include <QTableView>

namespace alpr {

ImagingDock::ImagingDock(Session& session, QWidget* parent)
    : QDockWidget(tr("Images"), parent)
{
    setObjectName(QStringLiteral("imageDock"));
    m_viewer = new ImageViewer(session, this);
    setWidget(m_viewer);
    toggleViewAction()->setText(tr("Image &viewer"));
    toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_photoAction = new QAction(tr("Plate from a &photo…"), this);
    m_photoAction->setObjectName(QStringLiteral("plateFromPhotoAction"));
    connect(m_photoAction, &QAction::triggered, this, &ImagingDock::openPhotoDialog);
    // Until the user opens it: images are fetched (and audited) only when someone looks at them.
    hide();
}

void ImagingDock::followTables(QWidget* root)
{
    for (QTableView* table : root->findChildren<QTableView*>())
        m_viewer->followTable(table);
}

void ImagingDock::openPhotoDialog()
{
    auto* dialog = new PhotoPatternDialog(parentWidget());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PhotoPatternDialog::searchRequested, this, &ImagingDock::patternFromPhoto);
    dialog->open();
}

} // namespace alpr
